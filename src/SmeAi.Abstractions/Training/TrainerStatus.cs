namespace SmeAi.Abstractions.Training;

/// <summary>
/// A trainer's reservoir and training state. <see cref="SamplesSeen"/> counts every row the entity grains sampled;
/// <see cref="SamplesFilteredAtSource"/> those of them the grains only counted, because the full reservoir would not keep them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrainerStatus(
    [property: Id(0)] string ModelName,
    [property: Id(1)] int Samples,
    [property: Id(2)] int PositiveSamples,
    [property: Id(3)] long SamplesSeen,
    [property: Id(4)] DateTimeOffset? LastTrainedEventTime,
    [property: Id(5)] bool Training,
    [property: Id(6)] TrainingOutcome? LastOutcome,
    [property: Id(7)] long SamplesFilteredAtSource = 0);
