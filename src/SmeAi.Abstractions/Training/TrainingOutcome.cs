namespace SmeAi.Abstractions.Training;

/// <summary>What one training run did.</summary>
/// <param name="Published">A new version was stored in the model grain.</param>
/// <param name="Promoted">It also became current (it beat the champion on the held-out slice).</param>
/// <param name="Version">The stored version number, 0 when nothing was published.</param>
/// <param name="Detail">Why: the gate's comparison, or the reason training refused to publish.</param>
[GenerateSerializer, Immutable]
public sealed record TrainingOutcome(
    [property: Id(0)] string ModelName,
    [property: Id(1)] bool Published,
    [property: Id(2)] bool Promoted,
    [property: Id(3)] int Version,
    [property: Id(4)] string Reason,
    [property: Id(5)] string Detail,
    [property: Id(6)] DateTimeOffset FinishedAt);
