using SmeAi.Abstractions.Events;
using SmeAi.Evaluation.Evaluators;
using SmeAi.ML.Metrics;

namespace SmeAi.Evaluation.Replay;

/// <summary>Held-out figures of a supervised task.</summary>
public sealed record SupervisedReplayFigures(int Rows, double RocAuc, double PrAuc, double F1);

/// <summary>Held-out figures of an anomaly task at the alert threshold.</summary>
public sealed record AnomalyReplayFigures(int Rows, double Auroc, double Precision, double Recall);

/// <summary>Held-out figures of per-machine alerting before failure.</summary>
public sealed record FailureAlertFigures(int Machines, double ShareAlerted, double MedianLeadEvents, double FalseAlertsPerMachine);

/// <summary>
/// The evaluation's metrics for scores that came back from a replay through Kafka and the grains: pass the replay's items
/// and one score per item (same order). Only held-out items count, as in <see cref="EvaluationRunner"/>.
/// </summary>
public static class ReplayMetrics
{
    public static SupervisedReplayFigures Supervised<TEvent>(IReadOnlyList<ReplayItem<TEvent>> items, IReadOnlyList<float> scores, float threshold)
    {
        var (s, l) = HeldOut(items, scores);
        return new SupervisedReplayFigures(s.Length, BinaryMetrics.RocAuc(s, l), BinaryMetrics.PrAuc(s, l), BinaryMetrics.F1(s, l, threshold));
    }

    /// <remarks>AUROC here is over calibrated scores, which tie at 1 above the reference range; it can read lower than over raw scores.</remarks>
    public static AnomalyReplayFigures Anomaly<TEvent>(IReadOnlyList<ReplayItem<TEvent>> items, IReadOnlyList<float> scores, float threshold)
    {
        var (s, l) = HeldOut(items, scores);
        int alerts = 0, hits = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] >= threshold)
            {
                alerts++;
                hits += l[i] ? 1 : 0;
            }
        }

        var positives = l.Count(x => x);
        return new AnomalyReplayFigures(s.Length, BinaryMetrics.RocAuc(s, l), alerts == 0 ? 0 : (double)hits / alerts, positives == 0 ? 0 : (double)hits / positives);
    }

    /// <summary>
    /// Per held-out machine: the telemetry scores in event-time order through the alert rule of <paramref name="options"/>;
    /// the machine's failure event marks failure. Lead time is counted in telemetry events (cycles for C-MAPSS).
    /// </summary>
    public static FailureAlertFigures FailureAlerts(IReadOnlyList<ReplayItem<MachineTelemetry>> items, IReadOnlyList<float> scores, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(options);
        var outcomes = items
            .Select((item, i) => (item, Score: scores[i]))
            .Where(x => x.item.HeldOut)
            .GroupBy(x => x.item.Event.MachineId, StringComparer.Ordinal)
            .Where(g => g.Any(x => x.item.Event.Kind == MachineTelemetry.KindFailure))
            .Select(g => CmapssEvaluation.Outcome(0, [.. g.Where(x => x.item.Event.Kind == MachineTelemetry.KindTelemetry).OrderBy(x => x.item.Event.Ts).Select(x => x.Score)], options))
            .ToList();
        return new FailureAlertFigures(outcomes.Count, CmapssEvaluation.Share(outcomes), CmapssEvaluation.MedianLead(outcomes), CmapssEvaluation.FalsePerEngine(outcomes));
    }

    private static (float[] Scores, bool[] Labels) HeldOut<TEvent>(IReadOnlyList<ReplayItem<TEvent>> items, IReadOnlyList<float> scores)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(scores);
        if (items.Count != scores.Count)
        {
            throw new ArgumentException($"{items.Count} items but {scores.Count} scores.", nameof(scores));
        }

        var kept = Enumerable.Range(0, items.Count).Where(i => items[i].HeldOut).ToArray();
        return ([.. kept.Select(i => scores[i])], [.. kept.Select(i => items[i].Label)]);
    }
}
