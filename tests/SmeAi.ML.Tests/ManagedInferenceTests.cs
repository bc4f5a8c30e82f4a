using SmeAi.ML.Inference;
using SmeAi.ML.Models;
using SmeAi.ML.Training;
using TorchSharp;

namespace SmeAi.ML.Tests;

public sealed class ManagedInferenceTests
{
    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.LeakyRelu)]
    [InlineData(Activation.Sigmoid)]
    public void Managed_forward_matches_torchsharp_within_1e_5(Activation activation)
    {
        var (stack, inputs) = TorchTraining.Run(1, 3, () => (
            new TorchDenseStack(12, [(48, activation), (24, activation), (5, Activation.Identity)], new Random(3)),
            torch.randn(200, 12) * 2));
        using (stack)
        using (inputs)
        using (torch.no_grad())
        {
            var network = stack.Export();
            var expected = stack.Forward(inputs).data<float>().ToArray();
            var flat = inputs.data<float>().ToArray();
            for (var r = 0; r < 200; r++)
            {
                var actual = network.Forward(flat.AsSpan(r * 12, 12));
                for (var o = 0; o < 5; o++)
                {
                    Assert.True(Math.Abs(expected[(r * 5) + o] - actual[o]) <= 1e-5, $"row {r} output {o}: torch {expected[(r * 5) + o]} managed {actual[o]}");
                }
            }
        }
    }

    [Fact]
    public void A_trained_vae_scores_the_same_through_torchsharp_and_managed_code()
    {
        var artifact = VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(800, seed: 5), VaeTrainerTests.FastOptions()).Artifact!;
        Assert.True(artifact.Metrics.Get(MetricNames.ExportMaxAbsDiff) <= 1e-5);

        // Rebuild TorchSharp modules from the weights file and compare the full reconstruction path.
        var scorer = (VaeScorer)ModelScorer.Create(artifact);
        using var encoder = new TorchDenseStack(scorer.Encoder);
        using var decoder = new TorchDenseStack(scorer.Decoder);
        var rows = SyntheticData.Anomalous(50, seed: 6).Select(r => artifact.Normalizer.Transform(r)).ToArray();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var expected = decoder.Forward(encoder.Forward(torch.tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, 8 }))).data<float>().ToArray();
        var actual = new float[8];
        for (var r = 0; r < rows.Length; r++)
        {
            scorer.Reconstruct(rows[r], actual);
            for (var f = 0; f < 8; f++)
            {
                Assert.True(Math.Abs(expected[(r * 8) + f] - actual[f]) <= 1e-5, $"row {r} feature {f}");
            }
        }
    }

    [Fact]
    public void A_trained_classifier_ensemble_scores_the_same_mean_logit_through_torchsharp_and_managed_code()
    {
        float[][] rows = [.. SyntheticData.Normal(300, seed: 8), .. SyntheticData.Anomalous(60, seed: 9)];
        var labels = rows.Select((_, i) => i >= 300).ToArray();
        var artifact = ClassifierTrainer.Train("failures", SyntheticData.Schema, rows, labels, new ClassifierTrainingOptions { Epochs = 5, EnsembleSize = 2 }).Artifact!;

        // Rebuild each member as a TorchSharp module from the weights file and average their logits, as the scorer says it does.
        var scorer = (ClassifierScorer)ModelScorer.Create(artifact);
        var probe = SyntheticData.Anomalous(30, seed: 10).Concat(SyntheticData.Normal(30, seed: 11)).ToArray();
        var normalized = probe.Select(r => artifact.Normalizer.Transform(r)).ToArray();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = torch.tensor(normalized.SelectMany(r => r).ToArray(), new long[] { probe.Length, 8 });
        var memberLogits = scorer.Networks.Select(network =>
        {
            using var module = new TorchDenseStack(network);
            return module.Forward(input).data<float>().ToArray();
        }).ToList();

        Assert.Equal(2, memberLogits.Count);
        for (var r = 0; r < probe.Length; r++)
        {
            var expected = memberLogits.Average(m => m[r]);
            Assert.True(Math.Abs(expected - scorer.Score(probe[r]).Raw) <= 1e-5, $"row {r}: torch {expected} managed {scorer.Score(probe[r]).Raw}");
        }
    }

    [Fact]
    public void A_classifier_whose_managed_export_differs_beyond_the_tolerance_is_refused()
    {
        float[][] rows = [.. SyntheticData.Normal(300, seed: 12), .. SyntheticData.Anomalous(60, seed: 13)];
        var labels = rows.Select((_, i) => i >= 300).ToArray();

        // Float32 sums in another order differ in the last bits: no tolerance this small passes a real network.
        var result = ClassifierTrainer.Train("failures", SyntheticData.Schema, rows, labels, new ClassifierTrainingOptions { Epochs = 5, ExportTolerance = 1e-15 });

        Assert.False(result.IsPublishable);
        Assert.Equal(RefusalReason.ExportMismatch, result.Refusal!.Reason);
    }

    [Fact]
    public void Scoring_allocates_nothing_and_carries_the_model_version()
    {
        var artifact = VaeTrainer.Train("sensors", SyntheticData.Schema, SyntheticData.Normal(400, seed: 5), VaeTrainerTests.FastOptions()).Artifact! with { Version = 7 };
        var scorer = ModelScorer.Create(artifact);
        var row = SyntheticData.Normal(1, seed: 8)[0];
        var top = new FeatureContribution[3];
        scorer.Score(row, top);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scorer.Score(row, top);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(("sensors", 7), (scorer.ModelName, scorer.ModelVersion));
    }

    [Fact]
    public void Scoring_with_a_classifier_ensemble_allocates_nothing()
    {
        var network = new DenseNetwork([
            new DenseLayer(2, 3, Activation.Relu, [1, 2, 3, 4, 5, 6], [0.5f, -0.5f, 0]),
            new DenseLayer(3, 1, Activation.Identity, [1, -1, 2], [0.25f])]);
        var scorer = ModelScorer.Create(new ModelArtifact(
            "failures", 3, ModelKind.Classifier, new Features.FeatureSchema("pair", 1, ["a", "b"]), new Features.Normalizer([0f, 0f], [1f, 1f]),
            WeightsCodec.Write([network, network]), Calibration.ScoreCalibration.Platt(1f, 0f),
            new TrainingMetrics(100, 20, System.Collections.Immutable.ImmutableDictionary<string, double>.Empty, [])));
        float[] row = [1f, -2f];
        scorer.Score(row, []);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scorer.Score(row, []);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_weights_file_round_trips_and_rejects_damage()
    {
        var network = new DenseNetwork([
            new DenseLayer(2, 3, Activation.Relu, [1, 2, 3, 4, 5, 6], [0.5f, -0.5f, 0]),
            new DenseLayer(3, 1, Activation.Sigmoid, [1, -1, 2], [0.25f])]);
        var bytes = WeightsCodec.Write([network, network]);

        Assert.Equal("SMEW"u8.ToArray(), bytes[..4]);
        Assert.Equal(8 + (2 * (2 + (9 + (4 * 9)) + (9 + (4 * 4)))), bytes.Length);
        var read = WeightsCodec.Read(bytes);
        Assert.Equal(2, read.Count);
        Assert.Equal(network.Forward([1f, -2f]), read[1].Forward([1f, -2f]));
        Assert.Equal(network.Layers[0].Weights.ToArray(), read[0].Layers[0].Weights.ToArray());

        var badVersion = (byte[])bytes.Clone();
        badVersion[4] = 9;
        Assert.Contains("version 9", Assert.Throws<InvalidDataException>(() => WeightsCodec.Read(badVersion)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => WeightsCodec.Read(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<InvalidDataException>(() => WeightsCodec.Read([.. bytes, 0]));
        Assert.Throws<InvalidDataException>(() => WeightsCodec.Read("NOPE0000"u8.ToArray()));
    }
}
