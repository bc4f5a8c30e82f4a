using System.Diagnostics;
using SmeAi.Evaluation.Baselines;
using SmeAi.Evaluation.Datasets;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Training;

namespace SmeAi.Evaluation.Evaluators;

/// <summary>Figures of one supervised model on the held-out rows.</summary>
internal sealed record SupervisedFigures(double RocAuc, double PrAuc, double F1)
{
    /// <summary>
    /// ROC-AUC and PR-AUC rank the rows by the model's raw margin (logit), F1 thresholds the calibrated probability. A
    /// float probability reaches exactly 1 once the calibrated logit passes about 17, so ranking by it would tie the
    /// most confident rows and lower PR-AUC by an amount that depends on how sharp the model is, not on its ranking.
    /// </summary>
    public static SupervisedFigures Of(float[] margins, float[] probabilities, bool[] labels, float threshold) =>
        new(BinaryMetrics.RocAuc(margins, labels), BinaryMetrics.PrAuc(margins, labels), BinaryMetrics.F1(probabilities, labels, threshold));
}

/// <summary>
/// A supervised task (churn, machine failure): our classifier (with GAN augmentation kept only when it helps) against
/// ML.NET LightGBM, both trained on the training part and measured on the held-out part only.
/// </summary>
internal static class SupervisedEvaluation
{
    public static DatasetEvaluation Run(
        string dataset,
        string task,
        FeatureSchema schema,
        IReadOnlyList<float[]> allRows,
        IReadOnlyList<bool> allLabels,
        ClassifierTrainingOptions classifierOptions,
        EvaluationOptions options,
        (double RocAuc, double? PrAuc) targets,
        string reference,
        IProgress<string>? progress,
        CancellationToken cancellationToken,
        string? ganSkipped = null,
        string? features = null)
    {
        var watch = Stopwatch.StartNew();
        var (kept, split) = HeldOutSplit.OfSubsample(allLabels, options.MaxRowsPerDataset, options.TestFraction, options.Seed);
        var rows = kept.Select(i => allRows[i]).ToArray();
        var labels = kept.Select(i => allLabels[i]).ToArray();
        var trainRows = split.TrainOf(rows);
        var trainLabels = split.TrainOf(labels);
        var testRows = split.TestOf(rows);
        var testLabels = split.TestOf(labels);
        var notes = new List<string>();

        progress?.Report($"{dataset}: training our classifier on {trainRows.Length} rows");
        var classifier = classifierOptions.WithSeed(options.Seed);
        TrainingResult result;
        if (options.UseGanAugmentation && ganSkipped is null)
        {
            var augmented = AugmentedClassifierTrainer.Train(dataset, schema, trainRows, trainLabels, classifier, options.Gan.WithSeed(options.Seed), cancellationToken: cancellationToken);
            notes.Add($"GAN augmentation {(augmented.AugmentationKept ? "kept" : "not kept")}: validation PR-AUC {augmented.PrAucBaseline:F3} without, {augmented.PrAucAugmented:F3} with synthetic positives (validation = 20% of the training part).");

            // Without augmentation the comparison model saw only the fit slice; the published model gets the whole training part.
            result = augmented.AugmentationKept
                ? augmented.Classifier
                : ClassifierTrainer.Train(dataset, schema, trainRows, trainLabels, classifier, cancellationToken: cancellationToken);
        }
        else
        {
            result = ClassifierTrainer.Train(dataset, schema, trainRows, trainLabels, classifier, cancellationToken: cancellationToken);
            notes.Add(ganSkipped ?? "GAN augmentation not tried in this run.");
        }

        var artifact = result.Artifact ?? throw new InvalidOperationException($"{dataset}: our classifier was refused: {result.Refusal}");
        var scorer = ModelScorer.Create(artifact);
        var ours = SupervisedFigures.Of(scorer.ScoreAll(testRows, raw: true), scorer.ScoreAll(testRows), testLabels, options.HighBand);

        progress?.Report($"{dataset}: training the ML.NET LightGBM baseline");
        var (margins, probabilities) = MlNetBaselines.LightGbm(trainRows, trainLabels, testRows, options.Seed);
        var baseline = SupervisedFigures.Of(margins, probabilities, testLabels, options.HighBand);

        notes.Add($"Held-out: {testRows.Length} rows, {testLabels.Count(l => l)} positive; F1 counts a row positive when the calibrated probability is at least {options.HighBand:0.##}.");
        notes.Add(reference);
        if (features is not null)
        {
            notes.Add(features);
        }

        notes.Add($"Our model: MLP {string.Join("-", classifier.HiddenSizes)}, {classifier.Epochs} epochs, weight decay {classifier.WeightDecay:G2}, Platt-calibrated on {classifier.HeldOutFraction:P0} of the training part.");
        return new DatasetEvaluation(
            dataset,
            task,
            "MLP classifier (SmeAi.ML, managed scorer)",
            "ML.NET LightGbm binary",
            trainRows.Length,
            testRows.Length,
            [
                new MetricComparison("ROC-AUC", ours.RocAuc, baseline.RocAuc, true, targets.RocAuc),
                new MetricComparison("PR-AUC", ours.PrAuc, baseline.PrAuc, true, targets.PrAuc),
                new MetricComparison($"F1 at p >= {options.HighBand:0.##}", ours.F1, baseline.F1, true),
            ],
            notes,
            watch.Elapsed,
            testLabels.Count(l => l));
    }
}
