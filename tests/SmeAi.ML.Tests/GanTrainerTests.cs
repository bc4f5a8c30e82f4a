using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Models;
using SmeAi.ML.Training;
using Xunit.Abstractions;

namespace SmeAi.ML.Tests;

public sealed class GanTrainerTests(ITestOutputHelper output)
{
    private static readonly FeatureSchema _schema = new("rare", 1, ["level", "skewed", "correlated", "bimodal"]);

    internal static GanTrainingOptions FastOptions(int steps) => new() { Epochs = steps, HiddenSizes = [32, 32], BatchSize = 64, Seed = 5, LearningRate = 1e-3 };

    [Fact]
    public void Gan_samples_match_the_rare_class_marginals_better_than_an_untrained_generator()
    {
        var rare = Rare(400, seed: 1);
        var heldOut = Rare(400, seed: 2);
        var normal = Normal(300, seed: 3);

        var trained = GanTrainer.Train("critic", _schema, rare, normal, FastOptions(steps: 1000));
        var untrained = GanTrainer.Train("critic", _schema, rare, normal, FastOptions(steps: 1));
        Assert.True(trained.Succeeded, trained.Refusal?.ToString());

        var trainedDistances = MarginalDistances(trained.Gan!.Sample(heldOut.Length, seed: 9), heldOut);
        var untrainedDistances = MarginalDistances(untrained.Gan!.Sample(heldOut.Length, seed: 9), heldOut);
        output.WriteLine($"per-feature W1/std trained [{string.Join(", ", trainedDistances.Select(d => d.ToString("F3")))}] untrained [{string.Join(", ", untrainedDistances.Select(d => d.ToString("F3")))}]");

        Assert.True(trainedDistances.Average() < 0.5 * untrainedDistances.Average(), "the trained generator should halve the mean marginal distance");
        Assert.True(trainedDistances.Average() < 0.35, $"mean W1/std {trainedDistances.Average():F3}");

        // The critic, as a second signal, ranks rare-class rows above normal ones.
        Assert.True(trained.Critic.IsPublishable, trained.Critic.ToString());
        var critic = ModelScorer.Create(trained.Critic.Artifact!);
        var scores = critic.ScoreAll([.. heldOut, .. Normal(400, seed: 4)]);
        bool[] labels = [.. heldOut.Select(_ => true), .. Enumerable.Repeat(false, 400)];
        var auroc = BinaryMetrics.RocAuc(scores, labels);
        output.WriteLine($"critic AUROC rare vs normal {auroc:F4}");
        Assert.True(auroc > 0.9, $"critic AUROC {auroc:F4}");
    }

    [Fact]
    public void Gan_refuses_too_few_rare_rows()
    {
        var result = GanTrainer.Train("critic", _schema, Rare(10, seed: 1), Normal(100, seed: 2), FastOptions(steps: 10));

        Assert.False(result.Succeeded);
        Assert.Equal(RefusalReason.TooLittleData, result.Refusal!.Reason);
    }

    [Fact]
    public void The_gan_checks_its_managed_export_against_torchsharp_and_refuses_beyond_the_tolerance()
    {
        var rare = Rare(200, seed: 1);
        var normal = Normal(100, seed: 2);

        var published = GanTrainer.Train("critic", _schema, rare, normal, FastOptions(steps: 20));
        var options = FastOptions(steps: 20);
        options.ExportTolerance = 1e-15; // float32 sums in another order differ in the last bits: no real network passes
        var refused = GanTrainer.Train("critic", _schema, rare, normal, options);

        Assert.True(published.Critic.IsPublishable, published.Critic.ToString());
        Assert.InRange(published.Critic.Artifact!.Metrics.Get(MetricNames.ExportMaxAbsDiff) ?? double.NaN, 0, 1e-5);
        Assert.False(refused.Succeeded);
        Assert.Equal(RefusalReason.ExportMismatch, refused.Refusal?.Reason);
    }

    /// <summary>Wasserstein-1 distance per feature between equal-sized samples, in units of the real feature's spread.</summary>
    private static double[] MarginalDistances(float[][] synthetic, float[][] real)
    {
        var distances = new double[_schema.Count];
        for (var f = 0; f < distances.Length; f++)
        {
            var a = synthetic.Select(r => (double)r[f]).Order().ToArray();
            var b = real.Select(r => (double)r[f]).Order().ToArray();
            var mean = b.Average();
            var std = Math.Sqrt(b.Sum(v => (v - mean) * (v - mean)) / b.Length);
            distances[f] = a.Zip(b, (x, y) => Math.Abs(x - y)).Average() / std;
        }

        return distances;
    }

    private static float[][] Rare(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var level = 3 + (0.5 * SyntheticData.Gaussian(random));
            return new[]
            {
                (float)level,
                (float)-Math.Log(1 - random.NextDouble()),
                (float)((0.5 * level) + (0.2 * SyntheticData.Gaussian(random))),
                (float)((random.Next(2) == 0 ? -2 : 2) + (0.3 * SyntheticData.Gaussian(random))),
            };
        })];
    }

    private static float[][] Normal(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => new[]
        {
            (float)SyntheticData.Gaussian(random),
            (float)(0.3 * -Math.Log(1 - random.NextDouble())),
            (float)SyntheticData.Gaussian(random),
            (float)SyntheticData.Gaussian(random),
        })];
    }
}
