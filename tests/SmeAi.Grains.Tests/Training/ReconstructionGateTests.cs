using System.Collections.Immutable;
using SmeAi.Grains.Training;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;

namespace SmeAi.Grains.Tests.Training;

public sealed class ReconstructionGateTests
{
    private const string ModelName = "anomaly-gate";

    [Fact]
    public void A_champion_whose_normaliser_saw_a_wide_spread_no_longer_wins_by_its_small_units()
    {
        // The champion's normaliser was fit on a sample with a wide spread (scale 10) and it reconstructs vibration as its
        // mean; the challenger's saw the normal spread and reconstructs both features to 90 %.
        var champion = Vae(mean: [10f, 5f], scale: [10f, 10f], encoder: [1f, 0f], decoder: [1f, 0f], latent: 1);
        var challenger = Vae(mean: [10f, 5f], scale: [1f, 0.5f], encoder: [1f, 0f, 0f, 1f], decoder: [0.9f, 0f, 0f, 0.9f], latent: 2);
        var gate = SyntheticRows.NormalRows(200, 11).Select(r => r.Values).ToList();

        // In its own units the champion's error looks five times smaller: the old gate kept it.
        Assert.True(challenger.ScoreAll(gate, raw: true).Average() > 5 * champion.ScoreAll(gate, raw: true).Average());
        Assert.True(ReconstructionGate.MedianError(challenger, gate) * 5 < ReconstructionGate.MedianError(champion, gate));
    }

    [Fact]
    public void A_trained_challenger_replaces_a_champion_that_only_looked_better_in_its_own_units()
    {
        var champion = Vae(mean: [10f, 5f], scale: [10f, 10f], encoder: [1f, 0f], decoder: [1f, 0f], latent: 1);
        var rows = SyntheticRows.NormalRows(500, 12);
        var gate = rows.Where(r => ChallengerTraining.InGate(r, new TrainerOptions().GateFraction)).Select(r => r.Values).ToList();

        var result = ChallengerTraining.Train(ModelName, TrainingKind.Anomaly, SyntheticRows.FeatureNames, rows, champion, new TrainerOptions { Epochs = 40 }, default);

        var trained = (VaeScorer)ModelScorer.Create(result.Artifact!);
        Assert.True(trained.ScoreAll(gate, raw: true).Average() > champion.ScoreAll(gate, raw: true).Average() * ChallengerTraining.ErrorTolerance);
        Assert.True(result.BeatsChampion, result.Comparison);
        Assert.Contains("reconstruction error in original feature units", result.Comparison, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feature_constant_in_training_weighs_the_same_whatever_scale_a_version_gave_it()
    {
        // Vibration was constant when the champion trained (scale 1); the challenger's sample held one tiny deviation
        // (scale 0.001). Both reconstruct it as its mean, and the gate's rows all sit 0.01 off it.
        var champion = Vae(mean: [10f, 5f], scale: [1f, 1f], encoder: [1f, 0f], decoder: [1f, 0f], latent: 1);
        var challenger = Vae(mean: [10f, 5f], scale: [1f, 0.001f], encoder: [1f, 0f], decoder: [1f, 0f], latent: 1);
        var random = new Random(13);
        var gate = Enumerable.Range(0, 100).Select(_ => new[] { 10f + (float)random.NextDouble(), 5.01f }).ToList();

        // In own units the challenger's error is about a million times the champion's; in original units they are equal.
        Assert.True(challenger.ScoreAll(gate, raw: true).Average() > 1e5 * champion.ScoreAll(gate, raw: true).Average());
        Assert.Equal(ReconstructionGate.MedianError(champion, gate), ReconstructionGate.MedianError(challenger, gate), 1e-9);
        Assert.True(ReconstructionGate.MedianError(challenger, gate) > 0);
    }

    [Fact]
    public void A_few_far_out_rows_in_the_gate_slice_do_not_decide()
    {
        // The challenger reconstructs vibration and not temperature; the champion the other way round. Normal rows vary
        // little in temperature, so the challenger fits them better, but five unlabelled rows with a far-off temperature
        // (an attack, a failing machine) would dominate a mean.
        var champion = Vae(mean: [10f, 5f], scale: [1f, 1f], encoder: [1f, 0f], decoder: [1f, 0f], latent: 1);
        var challenger = Vae(mean: [10f, 5f], scale: [1f, 1f], encoder: [0f, 1f], decoder: [0f, 1f], latent: 1);
        var random = new Random(14);
        var normal = Enumerable.Range(0, 95).Select(_ => new[] { 10f + (0.1f * (float)(random.NextDouble() - 0.5)), 5f + (2f * (float)(random.NextDouble() - 0.5)) });
        var outliers = Enumerable.Range(0, 5).Select(_ => new[] { 110f, 5f });
        var gate = normal.Concat(outliers).ToList();
        var reconstruction = new float[2];

        Assert.True(gate.Average(r => ReconstructionGate.RowError(challenger, r, reconstruction)) > gate.Average(r => ReconstructionGate.RowError(champion, r, reconstruction)));
        Assert.True(ReconstructionGate.MedianError(challenger, gate) * 10 < ReconstructionGate.MedianError(champion, gate));
    }

    /// <summary>A hand-made linear VAE (encoder mu and decoder one identity layer each) with the given normaliser.</summary>
    private static VaeScorer Vae(float[] mean, float[] scale, float[] encoder, float[] decoder, int latent)
    {
        var networks = new[]
        {
            new DenseNetwork([new DenseLayer(2, latent, Activation.Identity, encoder, new float[latent])]),
            new DenseNetwork([new DenseLayer(latent, 2, Activation.Identity, decoder, new float[2])]),
        };
        var artifact = new ModelArtifact(
            ModelName,
            1,
            ModelKind.VaeAnomaly,
            new FeatureSchema(ModelName, 1, SyntheticRows.FeatureNames),
            new Normalizer([.. mean], [.. scale]),
            WeightsCodec.Write(networks),
            ScoreCalibration.EmpiricalCdf([0f]),
            new TrainingMetrics(100, 20, ImmutableDictionary<string, double>.Empty, []));
        return (VaeScorer)ModelScorer.Create(artifact);
    }
}
