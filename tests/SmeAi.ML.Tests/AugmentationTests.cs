using SmeAi.ML.Datasets;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Models;
using SmeAi.ML.Training;
using Xunit.Abstractions;

namespace SmeAi.ML.Tests;

public sealed class AugmentationTests(ITestOutputHelper output)
{
    [Fact]
    public void Gan_augmentation_is_kept_only_when_it_improves_validation_pr_auc_and_both_figures_are_reported()
    {
        var data = TelcoChurn.LoadDev();
        var classifierOptions = new ClassifierTrainingOptions { Epochs = 20 };
        var ganOptions = new GanTrainingOptions { Epochs = 300 };

        var result = AugmentedClassifierTrainer.Train("churn", data.Schema, data.Rows, data.Labels, classifierOptions, ganOptions, syntheticRatio: 0.5);
        output.WriteLine($"PR-AUC baseline {result.PrAucBaseline:F4}, augmented {result.PrAucAugmented:F4}, kept {result.AugmentationKept}; critic {result.Critic}");

        Assert.True(result.Classifier.IsPublishable, result.Classifier.ToString());
        Assert.InRange(result.PrAucBaseline, 0.4, 1);
        Assert.InRange(result.PrAucAugmented, 0.4, 1);
        Assert.Equal(result.PrAucAugmented > result.PrAucBaseline, result.AugmentationKept);
        var metrics = result.Classifier.Artifact!.Metrics;
        Assert.Equal(result.PrAucBaseline, metrics.Get(MetricNames.PrAucBaseline));
        Assert.Equal(result.PrAucAugmented, metrics.Get(MetricNames.PrAucAugmented));
        Assert.Equal(result.AugmentationKept ? 1 : 0, metrics.Get(MetricNames.AugmentationKept));
        Assert.Equal(result.AugmentationKept, metrics.Get(MetricNames.SyntheticRows) > 0);

        // The published classifier is the one whose figure was kept: scored here on the same validation slice (the
        // trainer's stratified fifth, seeded from the classifier's seed), it reads that figure.
        var (_, validation) = DataSplit.Stratified(data.Labels, 0.2, classifierOptions.Seed + 1);
        var scores = ModelScorer.Create(result.Classifier.Artifact!).ScoreAll(DataSplit.Select(data.Rows, validation));
        var published = BinaryMetrics.PrAuc(scores, DataSplit.Select(data.Labels, validation));
        Assert.Equal(result.AugmentationKept ? result.PrAucAugmented : result.PrAucBaseline, published, 1e-9);
    }

    [Fact]
    public void The_gan_learns_only_from_positives_the_classifier_trains_on_never_from_its_held_out_slice()
    {
        // Synthetic positives made from held-out positives would train the classifier on near-copies of the rows its
        // calibration and held-out metrics are measured on.
        float[][] rows = [.. SyntheticData.Normal(400, seed: 1), .. SyntheticData.Anomalous(150, seed: 2)];
        var labels = rows.Select((_, i) => i >= 400).ToArray();

        var result = AugmentedClassifierTrainer.Train(
            "failures", SyntheticData.Schema, rows, labels, new ClassifierTrainingOptions { Epochs = 3 }, GanTrainerTests.FastOptions(steps: 20));

        Assert.True(result.Classifier.IsPublishable, result.Classifier.ToString());
        Assert.True(result.Critic?.IsPublishable, result.Critic?.ToString());
        var metrics = result.Classifier.Artifact!.Metrics;
        var realTrainingPositives = metrics.Get(MetricNames.PositiveRows) - metrics.Get(MetricNames.SyntheticRows);
        Assert.Equal(realTrainingPositives, result.Critic!.Artifact!.Metrics.TrainingRows);
    }
}
