using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Models;
using SmeAi.ML.Training;
using Xunit.Abstractions;

namespace SmeAi.ML.Tests;

public sealed class VaeTrainerTests(ITestOutputHelper output)
{
    internal static VaeTrainingOptions FastOptions(int seed = 42) => new() { Epochs = 25, Seed = seed, HiddenSizes = [32, 16], LatentSize = 3 };

    [Fact]
    public void The_vae_separates_injected_anomalies()
    {
        var result = VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(2000, seed: 1), FastOptions());
        Assert.True(result.IsPublishable, result.ToString());
        var scorer = ModelScorer.Create(result.Artifact!);

        var normal = SyntheticData.Normal(500, seed: 2);
        var anomalies = SyntheticData.Anomalous(100, seed: 3);
        var scores = scorer.ScoreAll([.. normal, .. anomalies]);
        bool[] labels = [.. normal.Select(_ => false), .. anomalies.Select(_ => true)];
        var auroc = BinaryMetrics.RocAuc(scores, labels);
        output.WriteLine($"VAE AUROC {auroc:F4}, export diff {result.Artifact!.Metrics.Get(MetricNames.ExportMaxAbsDiff):G3}");

        Assert.True(auroc > 0.95, $"AUROC {auroc:F4}");
        Assert.All(scores, s => Assert.InRange(s, 0f, 1f));
        // Calibrated against held-out normal data: about 1% of fresh normal rows score above 0.99.
        Assert.InRange(normal.Count(r => scorer.Score(r).Score > 0.99f) / (double)normal.Length, 0.0, 0.05);
    }

    [Fact]
    public void The_top_contribution_names_a_perturbed_feature()
    {
        var result = VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(2000, seed: 1), FastOptions());
        var scorer = ModelScorer.Create(result.Artifact!);
        var row = SyntheticData.Normal(1, seed: 9)[0];
        row[5] += 6;

        Span<FeatureContribution> top = stackalloc FeatureContribution[3];
        var score = scorer.Score(row, top);

        Assert.Equal(3, score.ContributionCount);
        Assert.Equal("sensor5", scorer.Schema.FeatureNames[top[0].FeatureIndex]);
        Assert.True(top[0].Value >= top[1].Value && top[1].Value >= top[2].Value);
        Assert.True(score.Score > 0.99f, $"score {score.Score}");
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var rows = SyntheticData.Normal(600, seed: 4);
        var options = FastOptions(seed: 11);
        options.Epochs = 5;

        var first = VaeTrainer.Train("sensors", SyntheticData.Schema, rows, options).Artifact!;
        var second = VaeTrainer.Train("sensors", SyntheticData.Schema, rows, options).Artifact!;
        options.Seed = 12;
        var other = VaeTrainer.Train("sensors", SyntheticData.Schema, rows, options).Artifact!;

        Assert.Equal(first.Weights.ToArray(), second.Weights.ToArray());
        Assert.Equal(first.Calibration.SortedReference.ToArray(), second.Calibration.SortedReference.ToArray());
        Assert.NotEqual(first.Weights.ToArray(), other.Weights.ToArray());
    }
}
