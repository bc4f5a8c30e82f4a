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
    public void Too_few_rows_are_refused_with_a_reason()
    {
        var result = ChallengerTraining.Train("anomaly-c", TrainingKind.Anomaly, SyntheticRows.FeatureNames, SyntheticRows.NormalRows(20, 3), null, Options, default);

        Assert.Null(result.Artifact);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal));
    }
}
