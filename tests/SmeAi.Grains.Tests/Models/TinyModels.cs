using System.Collections.Immutable;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;

namespace SmeAi.Grains.Tests.Models;

/// <summary>Hand-made one-layer classifiers, so registry tests need no training: score = sigmoid(w·x + b).</summary>
internal static class TinyModels
{
    public static readonly FeatureSchema Schema = new("test", 1, ["a", "b"]);

    public static ModelArtifact Classifier(string name, float bias) => new(
        name,
        0,
        ModelKind.Classifier,
        Schema,
        new Normalizer([0f, 0f], [1f, 1f]),
        WeightsCodec.Write([new DenseNetwork([new DenseLayer(2, 1, Activation.Identity, [1f, -1f], [bias])])]),
        ScoreCalibration.Platt(1f, 0f),
        new TrainingMetrics(100, 20, ImmutableDictionary<string, double>.Empty.Add(MetricNames.RocAuc, 0.9), []));

    /// <summary>
    /// A classifier whose logit is NaN for every positive first feature: two hidden units overflow to infinity and the
    /// output takes their difference.
    /// </summary>
    public static ModelArtifact NaNClassifier(string name) => new(
        name,
        0,
        ModelKind.Classifier,
        Schema,
        new Normalizer([0f, 0f], [1f, 1f]),
        WeightsCodec.Write([new DenseNetwork([
            new DenseLayer(2, 2, Activation.Relu, [float.MaxValue, 0f, float.MaxValue, 0f], [float.MaxValue, float.MaxValue]),
            new DenseLayer(2, 1, Activation.Identity, [1f, -1f], [0f])])]),
        ScoreCalibration.Platt(1f, 0f),
        new TrainingMetrics(100, 20, ImmutableDictionary<string, double>.Empty.Add(MetricNames.RocAuc, 0.9), []));
}
