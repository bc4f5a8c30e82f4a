using SmeAi.Abstractions.Events;
using SmeAi.Evaluation.Replay;

namespace SmeAi.Evaluation.Tests;

public sealed class ReplayMetricsTests
{
    private static readonly DateTimeOffset T0 = ReplayClock.Epoch;

    [Fact]
    public void Only_held_out_items_count_in_replay_figures()
    {
        // The training items are scored perfectly wrong; the held-out ones perfectly right.
        ReplayItem<string>[] items =
        [
            new("a", true, HeldOut: false), new("b", false, HeldOut: false),
            new("c", true, HeldOut: true), new("d", false, HeldOut: true), new("e", true, HeldOut: true),
        ];
        float[] scores = [0.1f, 0.9f, 0.8f, 0.2f, 0.7f];

        var figures = ReplayMetrics.Supervised(items, scores, threshold: 0.5f);

        Assert.Equal(new SupervisedReplayFigures(3, 1.0, 1.0, 1.0), figures);
    }

    [Fact]
    public void Failure_alerts_of_replayed_machines_follow_the_alert_rule_and_the_warning_window()
    {
        var options = new EvaluationOptions { CmapssConsecutiveScores = 2, CmapssWarningWindowCycles = 3 };
        var items = new List<ReplayItem<MachineTelemetry>>();
        var scores = new List<float>();

        // 10 cycles each, the last one the failure cycle. m: raised at cycle 1 (8 before failure: false), cleared, raised
        // again at cycle 8 (1 before failure: caught). n: raised only at the failure cycle itself, which warns of nothing.
        AddMachine("m", [0.995f, 0.995f, 0.1f, 0.1f, 0.5f, 0.5f, 0.5f, 0.995f, 0.995f, 0.5f]);
        AddMachine("n", [0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.995f, 0.995f]);

        var figures = ReplayMetrics.FailureAlerts(items, scores, options);

        Assert.Equal(new FailureAlertFigures(2, 0.5, 1, 0.5), figures);

        void AddMachine(string id, float[] cycles)
        {
            for (var c = 0; c < cycles.Length; c++)
            {
                items.Add(new(new MachineTelemetry(id, T0.AddHours(c), MachineTelemetry.KindTelemetry, new Dictionary<string, double>()), false, true));
                scores.Add(cycles[c]);
            }

            items.Add(new(new MachineTelemetry(id, T0.AddHours(cycles.Length - 1), MachineTelemetry.KindFailure, new Dictionary<string, double>()), true, true));
            scores.Add(0);
        }
    }
}
