using System.Collections.Immutable;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace SmeAi.ML.Training;

/// <summary>
/// Trains the VAE anomaly model on normal rows: standardise, fit with Adam on reconstruction + KL loss, export,
/// then score the held-out normal rows with the managed scorer to build the empirical-CDF calibration.
/// </summary>
public static class VaeTrainer
{
    public static TrainingResult Train(string modelName, FeatureSchema schema, IReadOnlyList<float[]> normalRows, VaeTrainingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(normalRows);
        ArgumentNullException.ThrowIfNull(options);
        VaeTrainingOptionsValidator.Instance.ThrowIfInvalid(options);

        if (ModelGuards.CheckRows(normalRows, schema.Count, options.MinimumRows, "normal rows") is { } dataRefusal)
        {
            return TrainingResult.Refused(dataRefusal);
        }

        var (trainIndices, heldOutIndices) = DataSplit.Random(normalRows.Count, options.HeldOutFraction, options.Seed);
        if (heldOutIndices.Length < ModelGuards.MinimumHeldOutRows)
        {
            return TrainingResult.Refused(RefusalReason.TooLittleData, $"Only {heldOutIndices.Length} held-out rows for calibration; at least {ModelGuards.MinimumHeldOutRows} are required.");
        }

        var trainRows = DataSplit.Select(normalRows, trainIndices);
        var heldOutRows = DataSplit.Select(normalRows, heldOutIndices);
        var normalizer = Normalizer.Fit(trainRows);

        var (networks, finalLoss, exportDiff) = TorchTraining.Run(options.MaxThreads, options.Seed, () => Fit(schema.Count, trainRows, heldOutRows, normalizer, options, cancellationToken), cancellationToken);

        if (ModelGuards.CheckWeights(networks) is { } weightRefusal)
        {
            return TrainingResult.Refused(weightRefusal);
        }

        if (exportDiff > options.ExportTolerance)
        {
            return TrainingResult.Refused(RefusalReason.ExportMismatch, $"Managed reconstruction differs from TorchSharp by {exportDiff:G3} (tolerance {options.ExportTolerance:G3}).");
        }

        var weights = WeightsCodec.Write(networks);
        var draft = new ModelArtifact(modelName, 0, ModelKind.VaeAnomaly, schema, normalizer, weights, ScoreCalibration.EmpiricalCdf([0f]), Empty(trainRows.Length, heldOutRows.Length));
        var rawScores = ModelScorer.Create(draft).ScoreAll(heldOutRows, raw: true);
        if (ModelGuards.CheckScoreSpread(rawScores, options.MinimumScoreStd, out var std) is { } spreadRefusal)
        {
            return TrainingResult.Refused(spreadRefusal);
        }

        var calibration = ScoreCalibration.EmpiricalCdf(rawScores);
        var metrics = new TrainingMetrics(
            trainRows.Length,
            heldOutRows.Length,
            ImmutableDictionary<string, double>.Empty
                .Add(MetricNames.FinalLoss, finalLoss)
                .Add(MetricNames.ExportMaxAbsDiff, exportDiff)
                .Add(MetricNames.HeldOutScoreStd, std),
            [.. rawScores.Select(calibration.Apply)]);
        return TrainingResult.Published(draft with { Calibration = calibration, Metrics = metrics });
    }

    internal static TrainingMetrics Empty(int trainingRows, int heldOutRows) => new(trainingRows, heldOutRows, ImmutableDictionary<string, double>.Empty, []);

    private static (IReadOnlyList<DenseNetwork> Networks, double FinalLoss, double ExportDiff) Fit(
        int features, float[][] trainRows, float[][] heldOutRows, Normalizer normalizer, VaeTrainingOptions options, CancellationToken cancellationToken)
    {
        using var data = TorchTraining.ToTensor(trainRows, normalizer);
        using var network = new VaeNetwork(features, options.HiddenSizes, options.LatentSize, options.Seed);
        using var optimizer = optim.Adam(network.Parameters(), lr: options.LearningRate);
        var random = new Random(options.Seed);
        double epochLoss = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            network.SetTraining(true);
            var order = DataSplit.Permutation(trainRows.Length, random);
            double lossSum = 0;
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var batch = data.index_select(0, TorchTraining.Indices(order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start))));
                var (reconstruction, mu, logVariance) = network.Forward(batch);
                var reconstructionLoss = (reconstruction - batch).pow(2).sum(1).mean();
                var kl = (-0.5 * (1 + logVariance - mu.pow(2) - logVariance.exp())).sum(1).mean();
                var loss = reconstructionLoss + (options.KlWeight * kl);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.shape[0];
            }

            epochLoss = lossSum / order.Length;
        }

        network.SetTraining(false);
        var networks = network.Export();
        using var heldOut = TorchTraining.ToTensor(heldOutRows, normalizer);
        var scratch = new float[networks[0].OutputSize + Math.Max(networks[0].ScratchSize, networks[1].ScratchSize)];
        var diff = ExportCheck.MaxAbsDiff(heldOut, network.ReconstructThroughMean, features, (input, output) =>
        {
            var latent = scratch.AsSpan(0, networks[0].OutputSize);
            networks[0].Forward(input, latent, scratch.AsSpan(networks[0].OutputSize));
            networks[1].Forward(latent, output, scratch.AsSpan(networks[0].OutputSize));
        });
        return (networks, epochLoss, diff);
    }
}
