using SmeAi.Abstractions.Entities;

namespace SmeAi.Grains.Entities;

/// <summary>
/// One score in <see cref="ScoreHistory"/>: the event time as UTC ticks and its offset, the score and the model version.
/// The fields are in this order so the struct packs into 24 bytes.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct ScoreSlot(
    [property: Id(0)] long UtcTicks,
    [property: Id(1)] double Score,
    [property: Id(2)] int ModelVersion,
    [property: Id(3)] short OffsetMinutes)
{
    public ScorePoint ToPoint() =>
        new(new DateTimeOffset(UtcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(OffsetMinutes)), Score, ModelVersion);
}
