using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Models;

namespace SmeAi.ML.Training;

/// <summary>Both PR-AUC figures on the validation slice and which classifier was kept.</summary>
public sealed record AugmentedTrainingResult(TrainingResult Classifier, TrainingResult? Critic, double PrAucBaseline, double PrAucAugmented, bool AugmentationKept);

/// <summary>
/// Trains the classifier with and without GAN-synthesised positives and keeps the augmented one only when it
/// improves PR-AUC on a validation slice that neither saw. Both figures land in the kept model's metrics.
/// </summary>
public static class AugmentedClassifierTrainer
{
    /// <param name="syntheticRatio">Synthetic positives per real training positive.</param>
    public static AugmentedTrainingResult Train(
        string modelName,
        FeatureSchema schema,
        IReadOnlyList<float[]> rows,
        IReadOnlyList<bool> labels,
        ClassifierTrainingOptions classifierOptions,
        GanTrainingOptions ganOptions,
        double syntheticRatio = 1.0,
        double validationFraction = 0.2,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classifierOptions);
        ArgumentNullException.ThrowIfNull(ganOptions);
        ArgumentOutOfRangeException.ThrowIfNegative(syntheticRatio);
        if (rows.Count != labels.Count)
        {
            throw new ArgumentException($"{rows.Count} rows but {labels.Count} labels.", nameof(labels));
        }

        var (fitIndices, validationIndices) = DataSplit.Stratified(labels, validationFraction, classifierOptions.Seed + 1);
        var fitRows = DataSplit.Select(rows, fitIndices);
        var fitLabels = DataSplit.Select(labels, fitIndices);
        var validationRows = DataSplit.Select(rows, validationIndices);
        var validationLabels = DataSplit.Select(labels, validationIndices);

        // The classifier's held-out slice (calibration and its metrics) is split off here, not inside the trainer, so the
        // GAN learns from the training positives only: samples of a GAN that saw held-out positives are near-copies of them.
        var (trainIndices, heldOutIndices) = DataSplit.Stratified(fitLabels, classifierOptions.HeldOutFraction, classifierOptions.Seed);
        var trainRows = DataSplit.Select(fitRows, trainIndices);
        var trainLabels = DataSplit.Select(fitLabels, trainIndices);
        var heldOut = new LabelledRows(DataSplit.Select(fitRows, heldOutIndices), DataSplit.Select(fitLabels, heldOutIndices));

        var baseline = ClassifierTrainer.Train(modelName, schema, trainRows, trainLabels, classifierOptions, heldOut: heldOut, cancellationToken: cancellationToken);
        if (!baseline.IsPublishable)
        {
            return new AugmentedTrainingResult(baseline, null, double.NaN, double.NaN, false);
        }

        var prAucBaseline = PrAuc(baseline.Artifact!, validationRows, validationLabels);
        var positives = trainRows.Where((_, i) => trainLabels[i]).ToArray();
        var negatives = trainRows.Where((_, i) => !trainLabels[i]).ToArray();
        var gan = GanTrainer.Train(modelName + "-critic", schema, positives, negatives, ganOptions, cancellationToken);
        if (!gan.Succeeded)
        {
            return Finish(baseline, gan.Critic, prAucBaseline, double.NaN, kept: false, synthetic: 0);
        }

        var synthetic = gan.Gan!.Sample((int)Math.Round(positives.Length * syntheticRatio), ganOptions.Seed);
        var augmented = ClassifierTrainer.Train(modelName, schema, trainRows, trainLabels, classifierOptions, synthetic, heldOut, cancellationToken);
        var prAucAugmented = augmented.IsPublishable ? PrAuc(augmented.Artifact!, validationRows, validationLabels) : double.NaN;
        return prAucAugmented > prAucBaseline
            ? Finish(augmented, gan.Critic, prAucBaseline, prAucAugmented, kept: true, synthetic.Length)
            : Finish(baseline, gan.Critic, prAucBaseline, prAucAugmented, kept: false, synthetic.Length);
    }

    private static double PrAuc(ModelArtifact artifact, float[][] rows, bool[] labels) =>
        BinaryMetrics.PrAuc(ModelScorer.Create(artifact).ScoreAll(rows), labels);

    private static AugmentedTrainingResult Finish(TrainingResult chosen, TrainingResult critic, double baseline, double augmented, bool kept, int synthetic)
    {
        var artifact = chosen.Artifact!;
        var values = artifact.Metrics.Values
            .SetItem(MetricNames.PrAucBaseline, baseline)
            .SetItem(MetricNames.PrAucAugmented, augmented)
            .SetItem(MetricNames.AugmentationKept, kept ? 1 : 0)
            .SetItem(MetricNames.SyntheticRows, kept ? synthetic : 0);
        var result = TrainingResult.Published(artifact with { Metrics = artifact.Metrics with { Values = values } });
        return new AugmentedTrainingResult(result, critic, baseline, augmented, kept);
    }
}
