using System.Collections.Immutable;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Models;

namespace SmeAi.ML.Tests;

/// <summary>
/// A reading at the edge of a float's range (validation accepts it: a controller's FLT_MAX for "no reading") scores as
/// far out, not as NaN: standardised by a small scale it would be infinite, and two infinities of opposite sign in a
/// network make NaN.
/// </summary>
public sealed class ExtremeReadingTests
{
    private static readonly FeatureSchema Schema = new("extreme", 1, ["vibration", "temperature"]);

    [Fact]
    public void Standardised_values_are_held_within_the_maximum_deviation()
    {
        var normalizer = new Normalizer([0f, 1f], [0.005f, 2f]);

        var row = normalizer.Transform([float.MaxValue, -float.MaxValue]);

        Assert.Equal([Normalizer.MaxDeviations, -Normalizer.MaxDeviations], row);
        Assert.Equal([2f, -0.5f], normalizer.Transform([0.01f, 0f]));
    }

    [Fact]
    public void A_classifier_whose_hidden_units_meet_with_opposite_signs_gives_a_finite_probability()
    {
        // Two hidden units copy the first feature; the output takes their difference, 0 for every finite reading.
        var network = new DenseNetwork([
            new DenseLayer(2, 2, Activation.Relu, [1f, 0f, 1f, 0f], [0f, 0f]),
            new DenseLayer(2, 1, Activation.Identity, [1f, -1f], [0f])]);
        var scorer = ModelScorer.Create(new ModelArtifact(
            "extreme-failure", 1, ModelKind.Classifier, Schema, new Normalizer([0f, 0f], [0.005f, 1f]),
            WeightsCodec.Write([network]), ScoreCalibration.Platt(1f, 0f),
            new TrainingMetrics(100, 20, ImmutableDictionary<string, double>.Empty, [])));

        var result = scorer.Score([float.MaxValue, 20f], []);

        Assert.Equal(0.5f, result.Score, 5);
        Assert.Equal(0.5f, scorer.Score([3f, 20f], []).Score, 5);
    }
}
