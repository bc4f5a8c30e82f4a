using System.Collections.Immutable;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace SmeAi.ML.Training;

/// <summary>What GAN training produced: a sampler for the rare class, and the critic as a scorer artifact (or refusals).</summary>
public sealed record GanTrainingResult(TabularGan? Gan, TrainingResult Critic, TrainingRefusal? Refusal)
{
    public bool Succeeded => Gan is not null;
}

/// <summary>
/// Trains a WGAN-GP on the rare class (failures, churners, attacks) in standardised units. The critic is published
/// as a second anomaly signal, calibrated against reference (normal) rows: 0.99 = more rare-class-like than 99% of normal.
/// </summary>
public static class GanTrainer
{
    public static GanTrainingResult Train(
        string criticModelName,
        FeatureSchema schema,
        IReadOnlyList<float[]> rareRows,
        IReadOnlyList<float[]> referenceRows,
        GanTrainingOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criticModelName);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rareRows);
        ArgumentNullException.ThrowIfNull(referenceRows);
        ArgumentNullException.ThrowIfNull(options);
        GanTrainingOptionsValidator.Instance.ThrowIfInvalid(options);

        var refusal = ModelGuards.CheckRows(rareRows, schema.Count, options.MinimumRows, "rare-class rows")
            ?? ModelGuards.CheckRows(referenceRows, schema.Count, ModelGuards.MinimumHeldOutRows, "reference rows");
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        var normalizer = Normalizer.Fit(rareRows);
        var (generator, critic, exportDiff) = TorchTraining.Run(options.MaxThreads, options.Seed, () => Fit(schema.Count, rareRows, normalizer, options, cancellationToken), cancellationToken);
        if (ModelGuards.CheckWeights([generator, critic]) is { } weightRefusal)
        {
            return Refused(weightRefusal);
        }

        if (exportDiff > options.ExportTolerance)
        {
            return Refused(new TrainingRefusal(RefusalReason.ExportMismatch, $"Managed generator or critic differs from TorchSharp by {exportDiff:G3} (tolerance {options.ExportTolerance:G3})."));
        }

        var minimum = new float[schema.Count];
        var maximum = new float[schema.Count];
        for (var f = 0; f < schema.Count; f++)
        {
            minimum[f] = rareRows.Min(r => r[f]);
            maximum[f] = rareRows.Max(r => r[f]);
        }

        var gan = new TabularGan(schema, normalizer, generator, [.. minimum], [.. maximum]);

        // A WGAN critic's sign is arbitrary outside the data it was trained on: orient it so that higher means
        // "more like the rare class" than the reference rows, by flipping the output layer when needed.
        var draft = new ModelArtifact(criticModelName, 0, ModelKind.GanCritic, schema, normalizer, WeightsCodec.Write([critic]), ScoreCalibration.EmpiricalCdf([0f]), VaeTrainer.Empty(rareRows.Count, referenceRows.Count));
        var rareScores = ModelScorer.Create(draft).ScoreAll(rareRows, raw: true);
        var raw = ModelScorer.Create(draft).ScoreAll(referenceRows, raw: true);
        if (rareScores.Average() < raw.Average())
        {
            critic = Negate(critic);
            draft = draft with { Weights = WeightsCodec.Write([critic]) };
            rareScores = [.. rareScores.Select(s => -s)];
            raw = [.. raw.Select(s => -s)];
        }

        if (ModelGuards.CheckScoreSpread(raw, options.MinimumScoreStd, out var std) is { } spreadRefusal)
        {
            return new GanTrainingResult(gan, TrainingResult.Refused(spreadRefusal), null);
        }

        var calibration = ScoreCalibration.EmpiricalCdf(raw);
        var separation = BinaryMetrics.RocAuc([.. rareScores, .. raw], [.. rareScores.Select(_ => true), .. raw.Select(_ => false)]);
        var values = ImmutableDictionary<string, double>.Empty
            .Add(MetricNames.HeldOutScoreStd, std)
            .Add(MetricNames.RocAuc, separation)
            .Add(MetricNames.ExportMaxAbsDiff, exportDiff);
        var metrics = new TrainingMetrics(rareRows.Count, referenceRows.Count, values, [.. raw.Select(calibration.Apply)]);
        return new GanTrainingResult(gan, TrainingResult.Published(draft with { Calibration = calibration, Metrics = metrics }), null);
    }

    private static DenseNetwork Negate(DenseNetwork network)
    {
        var last = network.Layers[^1];
        var weights = last.Weights.ToArray();
        var bias = last.Bias.ToArray();
        System.Numerics.Tensors.TensorPrimitives.Negate(weights, weights);
        System.Numerics.Tensors.TensorPrimitives.Negate(bias, bias);
        return new DenseNetwork(network.Layers.RemoveAt(network.Layers.Length - 1).Add(new DenseLayer(last.Inputs, last.Outputs, last.Activation, weights, bias)));
    }

    private static GanTrainingResult Refused(TrainingRefusal refusal) => new(null, TrainingResult.Refused(refusal), refusal);

    private static (DenseNetwork Generator, DenseNetwork Critic, double ExportDiff) Fit(int features, IReadOnlyList<float[]> rareRows, Normalizer normalizer, GanTrainingOptions options, CancellationToken cancellationToken)
    {
        using var data = TorchTraining.ToTensor(rareRows, normalizer);
        using var networks = new GanNetworks(features, options.NoiseSize, options.HiddenSizes, options.Seed);
        using var generatorOptimizer = optim.Adam(networks.GeneratorParameters(), lr: options.LearningRate, beta1: 0.5, beta2: 0.9);
        using var criticOptimizer = optim.Adam(networks.CriticParameters(), lr: options.LearningRate, beta1: 0.5, beta2: 0.9);
        var random = new Random(options.Seed);
        var batchSize = Math.Min(options.BatchSize, rareRows.Count);
        var batchIndices = new int[batchSize];
        networks.Generator.SetTraining(true);
        networks.Critic.SetTraining(true);

        for (var step = 0; step < options.Epochs; step++)
        {
            for (var c = 0; c < options.CriticSteps; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                for (var i = 0; i < batchSize; i++)
                {
                    batchIndices[i] = random.Next(rareRows.Count);
                }

                var real = data.index_select(0, TorchTraining.Indices(batchIndices));
                Tensor fake;
                using (torch.no_grad())
                {
                    fake = networks.Generator.Forward(torch.randn(batchSize, options.NoiseSize, generator: networks.Noise));
                }

                var alpha = torch.rand(batchSize, 1, generator: networks.Noise);
                var mixed = ((alpha * real) + ((1 - alpha) * fake)).detach().requires_grad_(true);
                var mixedScore = networks.Critic.Forward(mixed);
                var gradients = torch.autograd.grad([mixedScore], [mixed], [torch.ones_like(mixedScore)], retain_graph: true, create_graph: true)[0];
                var penalty = (gradients.norm(1) - 1).pow(2).mean();
                var loss = networks.Critic.Forward(fake).mean() - networks.Critic.Forward(real).mean() + (options.GradientPenaltyWeight * penalty);
                criticOptimizer.zero_grad();
                loss.backward();
                criticOptimizer.step();
            }

            using (torch.NewDisposeScope())
            {
                var generated = networks.Generator.Forward(torch.randn(batchSize, options.NoiseSize, generator: networks.Noise));
                var generatorLoss = -networks.Critic.Forward(generated).mean();
                generatorOptimizer.zero_grad();
                generatorLoss.backward();
                generatorOptimizer.step();
            }
        }

        networks.Generator.SetTraining(false);
        networks.Critic.SetTraining(false);
        var generator = networks.Generator.Export();
        var critic = networks.Critic.Export();

        // Both run in managed code afterwards (sampling, scoring), so both are checked, as the other trainers check theirs.
        using var noise = torch.randn(ExportCheck.Rows, options.NoiseSize, generator: networks.Noise);
        var generatorScratch = new float[generator.ScratchSize];
        var criticScratch = new float[critic.ScratchSize];
        var diff = Math.Max(
            ExportCheck.MaxAbsDiff(noise, networks.Generator.Forward, features, (input, output) => generator.Forward(input, output, generatorScratch)),
            ExportCheck.MaxAbsDiff(data, networks.Critic.Forward, 1, (input, output) => critic.Forward(input, output, criticScratch)));
        return (generator, critic, diff);
    }
}
