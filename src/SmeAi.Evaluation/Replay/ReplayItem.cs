namespace SmeAi.Evaluation.Replay;

/// <summary>
/// One event of a dataset replay with its ground truth. <paramref name="Label"/>: churned customer, attack connection,
/// failed reading, or (C-MAPSS) the engine's failure marker. <paramref name="HeldOut"/>: the event belongs to the held-out
/// part of the split for the replay's seed, so its score counts in the metrics and it must not feed training.
/// </summary>
public sealed record ReplayItem<TEvent>(TEvent Event, bool Label, bool HeldOut)
{
    /// <summary>
    /// Ground truth the metrics read but the silo must not see: a held-out engine's failure would label its cycles in the
    /// trainers, and through them shape the models (and the gate's choice of them) that score the other held-out engines.
    /// </summary>
    public bool TruthOnly { get; init; }
}

/// <summary>A dataset turned into input-contract events in event-time order, ready to be produced to its Kafka topic.</summary>
public sealed record DatasetReplay<TEvent>(string Dataset, string Topic, int Seed, IReadOnlyList<ReplayItem<TEvent>> Items)
{
    /// <summary>The events to produce, in order: every item's but the <see cref="ReplayItem{TEvent}.TruthOnly"/> ones.</summary>
    public IReadOnlyList<TEvent> Sent => [.. Items.Where(i => !i.TruthOnly).Select(i => i.Event)];
}
