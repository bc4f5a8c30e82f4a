namespace SmeAi.Abstractions.Training;

[GenerateSerializer, Immutable]
public sealed record TrainerStatus(
    [property: Id(0)] string ModelName,
    [property: Id(1)] int Samples,
    [property: Id(2)] int PositiveSamples,
    [property: Id(3)] long SamplesSeen,
    [property: Id(4)] DateTimeOffset? LastTrainedEventTime,
    [property: Id(5)] bool Training,
    [property: Id(6)] TrainingOutcome? LastOutcome);
