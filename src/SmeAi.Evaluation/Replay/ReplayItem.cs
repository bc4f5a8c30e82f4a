namespace SmeAi.Evaluation.Replay;

/// <summary>
/// One event of a dataset replay with its ground truth. <paramref name="Label"/>: churned customer, attack connection,
/// failed reading, or (C-MAPSS) the engine's failure marker. <paramref name="HeldOut"/>: the event belongs to the held-out
/// part of the split for the replay's seed, so its score counts in the metrics and it must not feed training.
/// </summary>
public sealed record ReplayItem<TEvent>(TEvent Event, bool Label, bool HeldOut);

/// <summary>A dataset turned into input-contract events in event-time order, ready to be produced to its Kafka topic.</summary>
public sealed record DatasetReplay<TEvent>(string Dataset, string Topic, int Seed, IReadOnlyList<ReplayItem<TEvent>> Items);
