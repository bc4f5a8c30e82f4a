namespace SmeAi.Abstractions.Training;

/// <summary>Feature rows of one schema (the ordered <see cref="FeatureNames"/>), sampled by entity grains.</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingBatch(
    [property: Id(0)] IReadOnlyList<string> FeatureNames,
    [property: Id(1)] IReadOnlyList<TrainingSample> Samples);

/// <summary>One feature row of an entity at an event time.</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingSample(
    [property: Id(0)] string EntityId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] float[] Values);
