using SmeAi.ML.Calibration;
using SmeAi.ML.Metrics;

namespace SmeAi.ML.Tests;

public sealed class MetricsTests
{
    private static readonly float[] _scores = [0.1f, 0.4f, 0.35f, 0.8f];
    private static readonly bool[] _labels = [false, false, true, true];

    [Fact]
    public void Roc_auc_counts_correctly_ordered_pairs()
    {
        // Pairs (positive, negative): (0.35, 0.1) yes, (0.35, 0.4) no, (0.8, 0.1) yes, (0.8, 0.4) yes -> 3/4.
        Assert.Equal(0.75, BinaryMetrics.RocAuc(_scores, _labels), 12);
        Assert.Equal(0.5, BinaryMetrics.RocAuc([0.5f, 0.5f, 0.5f, 0.5f], [true, false, true, false]), 12);
        Assert.Equal(1.0, BinaryMetrics.RocAuc([0.1f, 0.9f], [false, true]), 12);
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([0.1f, 0.9f], [true, true])));
    }

    [Fact]
    public void Pr_auc_is_average_precision()
    {
        // Descending: 0.8 (+) P=1 R=0.5; 0.4 (-); 0.35 (+) P=2/3 R=1 -> 0.5*1 + 0.5*2/3.
        Assert.Equal(0.5 + (0.5 * 2 / 3.0), BinaryMetrics.PrAuc(_scores, _labels), 12);
        // All tied: one threshold, precision 0.5, recall 1.
        Assert.Equal(0.5, BinaryMetrics.PrAuc([0.5f, 0.5f, 0.5f, 0.5f], [true, false, true, false]), 12);
    }

    [Fact]
    public void F1_uses_the_threshold_inclusively()
    {
        // At 0.5: predicted {0.9, 0.8}; tp 1, fp 1, fn 1 -> 2/(2+1+1).
        Assert.Equal(0.5, BinaryMetrics.F1([0.9f, 0.8f, 0.3f, 0.2f], [true, false, true, false], 0.5f), 12);
        Assert.Equal(0.8, BinaryMetrics.F1([0.9f, 0.8f, 0.3f, 0.2f], [true, false, true, false], 0.3f), 12); // tp 2, fp 1, fn 0
        Assert.Equal(0, BinaryMetrics.F1([0.1f], [true], 0.5f));
        var (best, threshold) = BinaryMetrics.BestF1([0.9f, 0.8f, 0.3f, 0.2f], [true, false, true, false]);
        Assert.Equal((0.8, 0.3f), (Math.Round(best, 12), threshold));
    }

    [Fact]
    public void Psi_matches_the_hand_computed_value()
    {
        // (0.7-0.5) ln(0.7/0.5) + (0.3-0.5) ln(0.3/0.5)
        var expected = (0.2 * Math.Log(1.4)) + (0.2 * Math.Log(0.5 / 0.3));
        Assert.Equal(expected, PopulationStability.Index([0.5, 0.5], [0.7, 0.3]), 12);
        Assert.Equal(0, PopulationStability.Index([0.2, 0.8], [0.2, 0.8]), 12);

        // Sample form: two bins split at the expected median (5); actual has 7 of 10 at or below it.
        float[] training = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(expected, PopulationStability.Index(training, [1, 1, 1, 1, 1, 1, 1, 9, 9, 9], bins: 2), 12);
        Assert.Equal(0, PopulationStability.Index(training, training), 12);
    }

    [Theory]
    [InlineData(float.NaN, true)]
    [InlineData(float.PositiveInfinity, true)]
    [InlineData(float.NegativeInfinity, true)]
    [InlineData(float.NaN, false)]
    [InlineData(float.PositiveInfinity, false)]
    public void Psi_refuses_a_sample_with_a_value_that_is_not_finite(float value, bool inExpected)
    {
        float[] training = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        float[] damaged = [1, 2, 3, 4, value, 6, 7, 8, 9, 10];

        // NaN sorted below every score and became bin edges: the index was a number, and wrong.
        var ex = Assert.Throws<ArgumentException>(() => inExpected
            ? PopulationStability.Index(damaged, training, bins: 5)
            : PopulationStability.Index(training, damaged, bins: 5));

        Assert.Equal(inExpected ? "expected" : "actual", ex.ParamName);
        Assert.Contains("Value 4", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PopulationStability.Index([0.5, double.NaN], [0.5, 0.5]));
    }

    [Fact]
    public void Empirical_cdf_reports_the_share_of_reference_scores_at_or_below()
    {
        var calibration = ScoreCalibration.EmpiricalCdf([4f, 1f, 3f, 2f]);

        Assert.Equal([0f, 0.25f, 0.5f, 0.5f, 1f], new[] { 0f, 1f, 2f, 2.5f, 10f }.Select(calibration.Apply));
        Assert.Equal(1f, calibration.Apply(float.NaN));
        Assert.Equal(ScoreCalibration.MaxReferencePoints, ScoreCalibration.EmpiricalCdf(Enumerable.Range(0, 10_000).Select(i => (float)i)).SortedReference.Length);
    }

    [Fact]
    public void Platt_scaling_recovers_a_known_sigmoid()
    {
        var random = new Random(3);
        var logits = new float[20_000];
        var labels = new bool[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = (float)((random.NextDouble() * 8) - 4);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-((2 * logits[i]) - 1)));
        }

        var calibration = PlattScaling.Fit(logits, labels);

        Assert.InRange(calibration.PlattA, 1.85, 2.15);
        Assert.InRange(calibration.PlattB, -1.15, -0.85);
    }

    [Fact]
    public void Platt_scaling_refuses_non_finite_logits_instead_of_fitting_nan()
    {
        bool[] labels = [true, false, true, false];

        Assert.Throws<ArgumentException>(() => PlattScaling.Fit([float.PositiveInfinity, 1, 2, 3], labels));
        Assert.Throws<ArgumentException>(() => PlattScaling.Fit([0, float.NaN, 2, 3], labels));
    }

    [Fact]
    public void Platt_scaling_recovers_a_sigmoid_of_logits_far_from_zero()
    {
        // A classifier whose held-out logits all lie in [26, 34], positive with probability sigmoid(logit - 30).
        var random = new Random(5);
        var logits = new float[20_000];
        var labels = new bool[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = (float)(26 + (random.NextDouble() * 8));
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(logits[i] - 30)));
        }

        var calibration = PlattScaling.Fit(logits, labels);

        Assert.InRange(calibration.PlattA, 0.85, 1.15);
        Assert.InRange(calibration.Apply(28), 0.08, 0.16); // sigmoid(-2) = 0.119
        Assert.InRange(calibration.Apply(30), 0.45, 0.55);
        Assert.InRange(calibration.Apply(32), 0.84, 0.92); // sigmoid(2) = 0.881
    }
}
