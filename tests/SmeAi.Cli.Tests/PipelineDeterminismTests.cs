using System.Globalization;
using SmeAi.Cli.Commands;
using SmeAi.Cli.Pipeline;
using SmeAi.Evaluation.Replay;
using SmeAi.Testing;

namespace SmeAi.Cli.Tests;

/// <summary>
/// Issue 8: a replay through the pipeline is deterministic for a seed. Two replays of the same AI4I subsample (2,000
/// readings, as <c>evaluate --quick</c>: a warm-up, three steps of event time, the held-out part) through two fresh
/// in-process silos train the anomaly model and the failure classifier several times and swap versions between steps;
/// every reading must come back with the same score and failure probability from the same versions.
/// </summary>
public sealed class PipelineDeterminismTests
{
    [Fact]
    public async Task Two_replays_of_the_same_data_with_the_same_seed_give_every_reading_the_same_score_and_failure_risk()
    {
        var replay = DatasetReplays.Ai4i2020(RepositoryPaths.Datasets, seed: 7, EvaluateCommand.QuickRows);
        var warmupUntil = ReplayClock.Epoch.AddMinutes(PipelineRuns.Ai4iWarmupReadings);
        var heldOutStart = replay.Items.First(i => i.HeldOut).Event.Ts;
        string[] settings = [string.Create(CultureInfo.InvariantCulture, $"--Training:LabelHorizon={DatasetReplays.Ai4iLabelHorizon:c}")];

        var first = await new PipelineEvaluator(TextWriter.Null).RunAsync(replay, ReplayTargets.Machines, warmupUntil, heldOutStart, CancellationToken.None, settings);
        var second = await new PipelineEvaluator(TextWriter.Null).RunAsync(replay, ReplayTargets.Machines, warmupUntil, heldOutStart, CancellationToken.None, settings);

        // The replay did what makes it hard to repeat: several versions scored, and the held-out readings got failure probabilities.
        Assert.True(first.Versions >= 3, $"{first.Versions} anomaly model versions scored");
        Assert.True(first.FailureVersions.OfType<int>().Distinct().Count() >= 2, "failure classifier versions: " + string.Join(", ", first.FailureVersions.OfType<int>().Distinct()));
        Assert.Equal(first.Scored, replay.Items.Count(i => ReplayTargets.Machines.IsScored(i.Event)));
        Assert.Equal(first.Scores, second.Scores);
        Assert.Equal(first.FailureRisks, second.FailureRisks);
        Assert.Equal(first.FailureVersions, second.FailureVersions);
    }
}
