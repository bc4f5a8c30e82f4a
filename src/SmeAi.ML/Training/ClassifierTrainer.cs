using System.Collections.Immutable;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace SmeAi.ML.Training;

/// <summary>
/// Trains the supervised MLP (churn, failure within a horizon): stratified held-out slice, class-weighted
/// binary cross-entropy, Platt calibration and metrics on the held-out slice. A caller that already keeps rows out of
/// training (the trainer grain's gate slice) can give them as the held-out slice, so every other row trains the network.
/// </summary>
public static class ClassifierTrainer
{
    /// <param name="syntheticPositives">Extra positive rows (for example GAN samples), used for fitting only: never for normalisation, calibration or metrics.</param>
    /// <param name="heldOut">
    /// Rows kept out of <paramref name="rows"/> to calibrate on and measure; when given, all of <paramref name="rows"/>
    /// train the network. It needs both classes and at least <see cref="ModelGuards.MinimumHeldOutRows"/> rows.
    /// </param>
    public static TrainingResult Train(
        string modelName,
        FeatureSchema schema,
        IReadOnlyList<float[]> rows,
        IReadOnlyList<bool> labels,
        ClassifierTrainingOptions options,
        IReadOnlyList<float[]>? syntheticPositives = null,
        LabelledRows? heldOut = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        ClassifierTrainingOptionsValidator.Instance.ThrowIfInvalid(options);
        if (rows.Count != labels.Count)
        {
            return TrainingResult.Refused(RefusalReason.InvalidData, $"{rows.Count} rows but {labels.Count} labels.");
        }

        var dataRefusal = ModelGuards.CheckRows(rows, schema.Count, options.MinimumRows)
            ?? ModelGuards.CheckRows(syntheticPositives ?? [], schema.Count, 0, "synthetic rows");
        if (dataRefusal is not null)
        {
            return TrainingResult.Refused(dataRefusal);
        }

        var positives = labels.Count(l => l);
        var smallerClass = Math.Min(positives, labels.Count - positives);
        if (smallerClass < options.MinimumPerClass)
        {
            return TrainingResult.Refused(RefusalReason.TooLittleData, $"{positives} positive and {labels.Count - positives} negative rows; each class needs at least {options.MinimumPerClass}.");
        }

        if (heldOut is not null && heldOut.Rows.Count != heldOut.Labels.Count)
        {
            return TrainingResult.Refused(RefusalReason.InvalidData, $"{heldOut.Rows.Count} held-out rows but {heldOut.Labels.Count} labels.");
        }

        if (heldOut is not null && ModelGuards.CheckRows(heldOut.Rows, schema.Count, 0, "held-out rows") is { } heldOutRefusal)
        {
            return TrainingResult.Refused(heldOutRefusal);
        }

        int[] trainIndices, heldOutIndices;
        if (heldOut is null)
        {
            (trainIndices, heldOutIndices) = DataSplit.Stratified(labels, options.HeldOutFraction, options.Seed);
        }
        else
        {
            (trainIndices, heldOutIndices) = ([.. Enumerable.Range(0, rows.Count)], []);
        }

        float[][] heldOutRows = heldOut is null ? DataSplit.Select(rows, heldOutIndices) : [.. heldOut.Rows];
        bool[] heldOutLabels = heldOut is null ? DataSplit.Select(labels, heldOutIndices) : [.. heldOut.Labels];
        if (heldOutRows.Length < ModelGuards.MinimumHeldOutRows || !heldOutLabels.Contains(true) || !heldOutLabels.Contains(false))
        {
            return TrainingResult.Refused(RefusalReason.TooLittleData, $"The held-out slice ({heldOutRows.Length} rows) needs at least {ModelGuards.MinimumHeldOutRows} rows and both classes.");
        }

        var realTrainRows = DataSplit.Select(rows, trainIndices);
        var normalizer = Normalizer.Fit(realTrainRows);
        float[][] trainRows = [.. realTrainRows, .. syntheticPositives ?? []];
        bool[] trainLabels = [.. DataSplit.Select(labels, trainIndices), .. (syntheticPositives ?? []).Select(_ => true)];

        // An ensemble's members differ only in their seed (initial weights and shuffles); each is checked against TorchSharp.
        var members = Enumerable.Range(0, options.EnsembleSize)
            .Select(k => TorchTraining.Run(options.MaxThreads, options.Seed + k, () => Fit(schema.Count, trainRows, trainLabels, heldOutRows, normalizer, options, options.Seed + k, cancellationToken), cancellationToken))
            .ToList();
        var networks = members.Select(m => m.Network).ToList();
        var finalLoss = members.Average(m => m.FinalLoss);
        var exportDiff = members.Max(m => m.ExportDiff);
        if (ModelGuards.CheckWeights(networks) is { } weightRefusal)
        {
            return TrainingResult.Refused(weightRefusal);
        }

        if (exportDiff > options.ExportTolerance)
        {
            return TrainingResult.Refused(RefusalReason.ExportMismatch, $"Managed logits differ from TorchSharp by {exportDiff:G3} (tolerance {options.ExportTolerance:G3}).");
        }

        var draft = new ModelArtifact(modelName, 0, ModelKind.Classifier, schema, normalizer, WeightsCodec.Write(networks), ScoreCalibration.Platt(1, 0), VaeTrainer.Empty(trainRows.Length, heldOutRows.Length));
        var logits = ModelScorer.Create(draft).ScoreAll(heldOutRows, raw: true);
        if (ModelGuards.CheckScoreSpread(logits, options.MinimumScoreStd, out var std) is { } spreadRefusal)
        {
            return TrainingResult.Refused(spreadRefusal);
        }

        var calibration = PlattScaling.Fit(logits, heldOutLabels);
        var probabilities = logits.Select(calibration.Apply).ToArray();
        var values = ImmutableDictionary<string, double>.Empty
            .Add(MetricNames.RocAuc, BinaryMetrics.RocAuc(logits, heldOutLabels))
            .Add(MetricNames.PrAuc, BinaryMetrics.PrAuc(logits, heldOutLabels))
            .Add(MetricNames.F1, BinaryMetrics.F1(probabilities, heldOutLabels, 0.5f))
            .Add(MetricNames.FinalLoss, finalLoss)
            .Add(MetricNames.ExportMaxAbsDiff, exportDiff)
            .Add(MetricNames.HeldOutScoreStd, std)
            .Add(MetricNames.PositiveRows, trainLabels.Count(l => l))
            .Add(MetricNames.SyntheticRows, syntheticPositives?.Count ?? 0);
        var metrics = new TrainingMetrics(trainRows.Length, heldOutRows.Length, values, [.. probabilities]);
        return TrainingResult.Published(draft with { Calibration = calibration, Metrics = metrics });
    }

    private static (DenseNetwork Network, double FinalLoss, double ExportDiff) Fit(
        int features, float[][] trainRows, bool[] trainLabels, float[][] heldOutRows, Normalizer normalizer, ClassifierTrainingOptions options, int seed, CancellationToken cancellationToken)
    {
        using var data = TorchTraining.ToTensor(trainRows, normalizer);
        using var targets = torch.tensor(trainLabels.Select(l => l ? 1f : 0f).ToArray(), new long[] { trainLabels.Length, 1 });
        var positives = trainLabels.Count(l => l);
        using var positiveWeight = torch.tensor(new[] { options.UseClassWeighting ? (float)(trainLabels.Length - positives) / positives : 1f });
        using var network = new TorchDenseStack(features, options.HiddenSizes.Select(h => (h, Activation.Relu)).Append((1, Activation.Identity)), new Random(seed));
        using var optimizer = optim.Adam(network.Parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        var random = new Random(seed);
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
                var indices = TorchTraining.Indices(order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)));
                var batch = data.index_select(0, indices);
                var batchTargets = targets.index_select(0, indices);
                var loss = nn.functional.binary_cross_entropy_with_logits(network.Forward(batch), batchTargets, pos_weights: positiveWeight);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.shape[0];
            }

            epochLoss = lossSum / order.Length;
        }

        network.SetTraining(false);
        var exported = network.Export();
        using var heldOut = TorchTraining.ToTensor(heldOutRows, normalizer);
        var scratch = new float[exported.ScratchSize];
        var diff = ExportCheck.MaxAbsDiff(heldOut, network.Forward, 1, (input, output) => exported.Forward(input, output, scratch));
        return (exported, epochLoss, diff);
    }
}
