using SmeAi.ML.Calibration;
using SmeAi.ML.Features;

namespace SmeAi.ML.Models;

/// <summary>
/// One trained model version as the model grain persists and ships it: the weights file
/// (<see cref="Inference.WeightsCodec"/>), the schema, the normalisation, the calibration and the metrics.
/// <see cref="Version"/> is 0 until the model grain assigns one (<c>artifact with { Version = n }</c>).
/// Build a scorer with <see cref="Inference.ModelScorer.Create"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModelArtifact(
    [property: Id(0)] string ModelName,
    [property: Id(1)] int Version,
    [property: Id(2)] ModelKind Kind,
    [property: Id(3)] FeatureSchema Schema,
    [property: Id(4)] Normalizer Normalizer,
    [property: Id(5)] ReadOnlyMemory<byte> Weights,
    [property: Id(6)] ScoreCalibration Calibration,
    [property: Id(7)] TrainingMetrics Metrics);
