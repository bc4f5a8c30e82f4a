namespace SmeAi.Abstractions.Training;

/// <summary>
/// Feature rows of one schema (the ordered <see cref="FeatureNames"/>), sampled by entity grains, and the rows the
/// grain left out because the trainer's <see cref="SampleFilter"/> would drop them: how many, and the latest event
/// time among them, which still moves the trainer's event time on.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrainingBatch(
    [property: Id(0)] IReadOnlyList<string> FeatureNames,
    [property: Id(1)] IReadOnlyList<TrainingSample> Samples,
    [property: Id(2)] int Filtered = 0,
    [property: Id(3)] DateTimeOffset? FilteredLatestTs = null);

/// <summary>One feature row of an entity at an event time.</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingSample(
    [property: Id(0)] string EntityId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] float[] Values);
