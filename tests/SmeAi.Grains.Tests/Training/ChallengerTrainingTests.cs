using SmeAi.Grains.Training;
using SmeAi.ML.Inference;

namespace SmeAi.Grains.Tests.Training;

public sealed class ChallengerTrainingTests
{
    private static readonly TrainerOptions Options = new() { Epochs = 40 };

    [Fact]
    public void The_first_model_of_a_schema_wins_by_default()
    {
        var result = ChallengerTraining.Train("anomaly-a", TrainingKind.Anomaly, SyntheticRows.FeatureNames, SyntheticRows.NormalRows(500, 1), null, Options, default);

        Assert.NotNull(result.Artifact);
        Assert.True(result.BeatsChampion);
    }

    [Fact]
    public void An_undertrained_challenger_does_not_beat_a_trained_champion()
    {
        var rows = SyntheticRows.NormalRows(500, 2);
        var champion = ModelScorer.Create(ChallengerTraining.Train("anomaly-b", TrainingKind.Anomaly, SyntheticRows.FeatureNames, rows, null, Options, default).Artifact!);

        var challenger = ChallengerTraining.Train("anomaly-b", TrainingKind.Anomaly, SyntheticRows.FeatureNames, rows, champion, new TrainerOptions { Epochs = 1 }, default);

        Assert.NotNull(challenger.Artifact);
        Assert.False(challenger.BeatsChampion, challenger.Comparison);
        Assert.Contains("reconstruction error", challenger.Comparison, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_failures_are_reported_an_anomaly_model_does_not_learn_the_unlabelled_readings_of_the_last_label_horizon()
    {
        // 25 days of normal readings, then a day in which machines wear out: unlabelled, because they have not failed yet.
        var options = new TrainerOptions { Epochs = 40, LabelHorizon = TimeSpan.FromDays(1) };
        var random = new Random(4);
        var normal = Enumerable.Range(0, 600).Select(i => new ReservoirRow($"m-{i % 20}", DateTimeOffset.UnixEpoch.AddHours(i), SyntheticRows.Normal(random), false));
        var wearing = Enumerable.Range(0, 300).Select(i => new ReservoirRow($"m-{i % 20}", DateTimeOffset.UnixEpoch.AddHours(600).AddMinutes(4 * i), SyntheticRows.Anomaly(random), false)).ToList();
        var failed = Enumerable.Range(0, 30).Select(i => new ReservoirRow("m-failed", DateTimeOffset.UnixEpoch.AddHours(300 + i), SyntheticRows.Anomaly(random), true));
        var wearValues = wearing.Select(r => r.Values).ToList();

        var withFailures = ChallengerTraining.Train("anomaly-d", TrainingKind.Anomaly, SyntheticRows.FeatureNames, [.. normal, .. wearing, .. failed], null, options, default);
        var withoutFailures = ChallengerTraining.Train("anomaly-d", TrainingKind.Anomaly, SyntheticRows.FeatureNames, [.. normal, .. wearing], null, options, default);

        // With failures reported, the wear is not known to be normal and stands out; a stream without labels learns from every row.
        Assert.True(ModelScorer.Create(withFailures.Artifact!).ScoreAll(wearValues).Average() >= 0.99);
        Assert.True(ModelScorer.Create(withoutFailures.Artifact!).ScoreAll(wearValues).Average() < 0.9);
    }

    [Fact]
    public void A_classifier_trains_on_every_row_outside_the_gate_slice_and_is_calibrated_and_measured_on_that_slice()
    {
        var random = new Random(6);
        var rows = Enumerable.Range(0, 1_000)
            .Select(i => (Row: i, Positive: i % 8 == 0))
            .Select(r => new ReservoirRow($"m-{r.Row % 20}", DateTimeOffset.UnixEpoch.AddMinutes(r.Row), r.Positive ? SyntheticRows.Anomaly(random) : SyntheticRows.Normal(random), r.Positive))
            .ToList();
        var gate = rows.Count(r => ChallengerTraining.InGate(r, Options.GateFraction));

        var result = ChallengerTraining.Train("failure-a", TrainingKind.Classifier, SyntheticRows.FeatureNames, rows, null, Options, default);

        var metrics = result.Artifact!.Metrics;
        Assert.Equal((rows.Count - gate, gate), (metrics.TrainingRows, metrics.HeldOutRows));
    }

    [Fact]
    public void A_gate_slice_without_enough_positives_leaves_the_classifier_its_own_calibration_slice()
    {
        var random = new Random(7);
        // Positives only in the gate-free rows: the gate slice has none to calibrate on.
        var rows = Enumerable.Range(0, 1_000)
            .Select(i => new ReservoirRow($"m-{i % 20}", DateTimeOffset.UnixEpoch.AddMinutes(i), SyntheticRows.Normal(random), false))
            .Select(r => !ChallengerTraining.InGate(r, Options.GateFraction) && r.Ts.Minute % 8 == 0 ? r with { Values = SyntheticRows.Anomaly(random), Positive = true } : r)
            .ToList();
        var outsideGate = rows.Count(r => !ChallengerTraining.InGate(r, Options.GateFraction));

        var result = ChallengerTraining.Train("failure-b", TrainingKind.Classifier, SyntheticRows.FeatureNames, rows, null, Options, default);

        var metrics = result.Artifact!.Metrics;
        Assert.Equal(outsideGate, metrics.TrainingRows + metrics.HeldOutRows);
        Assert.True(metrics.HeldOutRows > 0);
    }

    [Fact]
    public void Too_few_rows_are_refused_with_a_reason()
    {
        var result = ChallengerTraining.Train("anomaly-c", TrainingKind.Anomaly, SyntheticRows.FeatureNames, SyntheticRows.NormalRows(20, 3), null, Options, default);

        Assert.Null(result.Artifact);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal));
    }
}
