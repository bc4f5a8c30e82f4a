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
    public void Too_few_rows_are_refused_with_a_reason()
    {
        var result = ChallengerTraining.Train("anomaly-c", TrainingKind.Anomaly, SyntheticRows.FeatureNames, SyntheticRows.NormalRows(20, 3), null, Options, default);

        Assert.Null(result.Artifact);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal));
    }
}
