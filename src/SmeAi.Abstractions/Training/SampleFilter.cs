namespace SmeAi.Abstractions.Training;

/// <summary>
/// Which sampled rows a trainer would still keep: those whose sampling priority under <see cref="Seed"/> is at most
/// <see cref="MaxPriority"/>, the largest its full reservoir holds (<see cref="ulong.MaxValue"/> while it has room).
/// A reservoir's largest kept priority only falls as rows come, so rows above an earlier filter's bound would be
/// dropped on arrival anyway; entity grains drop them before queueing instead.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SampleFilter(
    [property: Id(0)] ulong Seed,
    [property: Id(1)] ulong MaxPriority)
{
    /// <summary>Keeps every row: a trainer whose reservoir still has room.</summary>
    public bool KeepsAll => MaxPriority == ulong.MaxValue;
}
