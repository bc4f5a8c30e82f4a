using SmeAi.Abstractions.Events;

namespace SmeAi.Simulator;

/// <summary>One simulated input message: its topic, its Kafka key (the entity id) and its value.</summary>
/// <param name="Topic">One of the input topics of <see cref="Abstractions.TopicNames"/>.</param>
/// <param name="Key">The entity id, the Kafka message key.</param>
/// <param name="Event">The value.</param>
/// <param name="TruthId">
/// Null for normal behaviour; otherwise the id of the ground-truth record the event belongs to: a
/// <see cref="Factory.DegradationEpisode.Id"/> (telemetry of a degrading machine and its failure), a
/// <see cref="Customers.CustomerTruth.ChurnId"/> (a churner's events from the start of its decline), or an
/// <see cref="Security.AttackWindow.Id"/> (events produced by an attack). Not part of the message.
/// </param>
public readonly record struct SimulatedEvent(string Topic, string Key, IEntityEvent Event, string? TruthId = null);
