namespace SmeAi.Abstractions.Events;

/// <summary>An input event: it belongs to one entity (the Kafka message key) and happened at one event time.</summary>
public interface IEntityEvent
{
    string EntityId { get; }

    DateTimeOffset Ts { get; }
}
