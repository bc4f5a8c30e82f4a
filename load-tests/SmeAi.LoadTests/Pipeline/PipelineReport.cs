using System.Globalization;
using System.Text;
using SmeAi.Grains.Entities;
using SmeAi.LoadTests.Reporting;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>The "## Pipeline under load" section of docs/benchmarks.md and its charts in docs/img.</summary>
internal static class PipelineReport
{
    public const string Heading = "## Pipeline under load";

    /// <summary>Chart file of <paramref name="phase"/>, relative to docs/.</summary>
    public static string ChartPath(PhaseResult phase) => $"img/pipeline-{phase?.Name}.png";

    /// <summary>Writes one chart per phase under <paramref name="docsDirectory"/>; returns the files written.</summary>
    public static IReadOnlyList<string> WriteCharts(PipelineResult result, string docsDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var written = new List<string>();
        foreach (var phase in result.Phases)
        {
            var path = Path.Combine(docsDirectory, ChartPath(phase));
            PhaseChart.Write(phase, path);
            written.Add(path);
        }

        return written;
    }

    /// <summary>The targets of issue 7 and the figures they are judged on.</summary>
    public static string Summary(PipelineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine("| Measure | Result | Target |");
        text.AppendLine("|---|---:|---|");
        Row(text, "Baseline: plain Confluent.Kafka loop + managed scorer, events/s", $"{N(result.Baseline.EventsPerSecond)} ({F(result.Baseline.CpuCores)} cores, whole harness)", string.Empty);
        Row(text, "Pipeline: one silo process, produce → score record, events/s", $"{N(result.Pipeline.EventsPerSecond)} (silo {F(result.PipelineCpuCores)} cores)", string.Empty);
        Row(text, "Pipeline / baseline", P(result.Ratio), $"≥ {P(PipelineResult.TargetRatio)}: {Met(result.Ratio >= PipelineResult.TargetRatio)}");
        if (result.Phase(PipelineScenario.Steady) is { } steady)
        {
            Row(text, $"Steady p99 at {P(result.Options.Load)} of {(result.Options.RateBase is { } given ? $"{N(given)} events/s (--rate-base)" : "maximum")} ({N(result.LoadRate)} events/s)", Ms(steady.Latency.P99),
                $"≤ {PipelineResult.TargetP99.TotalMilliseconds:0} ms: {Met(steady.Latency.P99 <= PipelineResult.TargetP99)}");
        }

        if (result.Phase(PipelineScenario.Burst) is { } burst)
        {
            Row(text, "Burst: p99 / max lag", $"{Ms(burst.Latency.P99)} / {N(burst.MaxLag)} events", string.Empty);
        }

        foreach (var name in new[] { PipelineScenario.HotSwap, PipelineScenario.SiloLoss })
        {
            if (result.Phase(name) is { } phase)
            {
                Row(text, $"{Title(name)}: lost events", N(phase.Lost), $"0: {Met(phase.Lost == 0)}");
                if (name == PipelineScenario.HotSwap)
                {
                    Row(text, "Hot swap: scores by an older model version than an earlier event of the same machine (scores by a newer one)",
                        $"{N(phase.Versions.Backward)} ({N(phase.Versions.Forward)})", $"0: {Met(phase.Versions.Backward == 0)}");
                }

                if (result.Comparison(phase) is { } comparison)
                {
                    var factor = comparison.Factor;
                    Row(text, $"{Title(name)}: p99 during the event / {comparison.ReferenceName}",
                        $"{Ms(comparison.During.P99)} / {Ms(comparison.Reference.P99)} = {X(factor)}",
                        $"≤ {PipelineResult.TargetEventFactor:0}x: {Met(factor <= PipelineResult.TargetEventFactor)}");
                    if (comparison.ReferenceName != EventComparison.BeforeInPhase && phase.BeforeLatency is { } before)
                    {
                        var inPhase = before.P99 > TimeSpan.Zero ? comparison.During.P99 / before.P99 : (double?)null;
                        Row(text, $"{Title(name)}: p99 before the event in the phase (after the warm-up)", $"{Ms(before.P99)} (during / before = {X(inPhase)})", string.Empty);
                    }
                }
            }
        }

        if (result.Phase(PipelineScenario.Entities) is { } entities)
        {
            var limit = result.Options.SiloMemoryLimitMiB is { } mib && result.Options.Target is null ? $" (silo limited to {N(mib)} MiB)" : string.Empty;
            Row(text, $"{N(result.Options.Entities)} active entities: peak silo working set{limit}", $"{N(entities.PeakWorkingSetMiB)} MiB",
                $"≤ {N(PipelineResult.TargetWorkingSetMiB)} MiB: {Met(entities.PeakWorkingSetMiB <= PipelineResult.TargetWorkingSetMiB)}");
        }

        return text.ToString();
    }

    /// <summary>Every phase in one table.</summary>
    public static string Phases(PipelineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine("| Scenario | Load | Events/s scored during the load | Events/s scored to the last score (drain after the load) | p50 | p95 | p99 | max | Max lag | Silo CPU (cores) | Peak working set | Lost | Duplicates |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in result.Phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.Load} | {N(p.ScoredPerSecondDuringLoad)} | {N(p.EventsPerSecond)} ({p.Drain.TotalSeconds:0.0} s) | {Ms(p.Latency.P50)} | {Ms(p.Latency.P95)} | {Ms(p.Latency.P99)} | {Ms(p.Latency.Max)} | {N(p.MaxLag)} | {F(p.CpuCores)} | {N(p.PeakWorkingSetMiB)} MiB | {N(p.Lost)} | {N(p.Duplicates)} |");
        }

        return text.ToString();
    }

    /// <summary>The whole section: what was measured, how, where, the tables and the charts.</summary>
    public static string Section(PipelineResult result, string command, MachineDescription machine, DateTimeOffset date, TimeSpan runTime)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(machine);
        var o = result.Options;
        var text = new StringBuilder();
        text.AppendLine(Heading);
        text.AppendLine();
        text.AppendLine("The real pipeline under load (issue 7): silo processes started as an operator would (`SmeAi.Silo`, embedded mode, then two on PostgreSQL), machine grains that dedupe, score every event with the model cache's managed scorer and publish a score record to `smeai-scores`. The harness process holds the broker (librdkafka's mock cluster; to the silos an external Kafka, so the silo figures are the silo's alone), the load generator and the score reader.");
        text.AppendLine();
        if (o.Target is { } target)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **Target: a running silo**, not one this harness started: its API at {target.ApiUrl}, its Kafka at `{target.BootstrapServers}`. Silo loss does not run (it kills a silo); the batching below is the silo's own. {(target.ProcessId is { } pid ? $"CPU and working set are of process {pid}." : "CPU and working set were not sampled (no `--silo-pid`) and read 0.")}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Load: `machine-telemetry` events (four sensors) over {N(o.Keys)} machines and {o.Partitions} partitions, each stamped in `ts` with the time (UTC) its paced schedule made it due, not the time the generator got round to producing it, so a generator that falls behind adds its delay to the latency instead of hiding it (no coordinated omission). Latency = time the score record is read − `ts`, so it spans the generator, producer, broker, provider, grain, scorer, output producer and the reader; HdrHistogram, per second and per phase.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Batching: the load generator and the silo's output producer (`Outputs:ProducerLingerMs`) both use `linger.ms` {PipelineRun.LingerMs}, which the latency includes. The embedded (mock) broker hands a consumer one batch per partition per fetch and holds a fetch that finds nothing for its whole wait, so smaller batches at a steady rate pile up unread and the readers, not the silo, set the pace: at half the maximum (about 45,000 events/s, one run each, 2026-12-05) p99 was 658 ms with 5 ms, 367 ms with 10 ms and 193 ms with 20 ms. A real broker returns every batch available, where a few ms suffice. Of the steady latency, the output side alone (the silo's produce call to the reader: 20 ms linger and the reader's fetch) took p50 25 ms and p99 about 40 ms at 20,000 events/s, measured from the score records' Kafka timestamps.");
        text.AppendLine("- Loss: every produced (partition, offset) must come back in a score record (deduplicated by it); after each phase the harness waits up to the drain timeout, and what is still missing counts as lost.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Maximum rate: {N(o.MaxRateEvents)} events produced as fast as possible after a warm-up that trains and promotes the first model; the rate is taken while the backlog drains after the producer finished (so the producer's CPU does not count against the silo), up to the last score record, over the events not yet scored by then. When less than a quarter was left by then (too few to time), it is taken from the first score record to the last over all the events, the producer's time included. This run: {(result.MaxRateWhileDraining ? "while the backlog drained" : "from the first score record to the last")}. The other loads are shares of it.");
        text.AppendLine("- Baseline, same run, same events: one plain Confluent.Kafka consumer loop reads the maximum-rate events from the same broker, parses and validates each with `EventJson`, builds the feature row as the machine grain does and scores it with `ModelScorer` (a VAE over the same four sensors, trained in the harness). No output is produced. Its CPU is the harness process's, broker included.");
        text.AppendLine("- Rates of a phase: \"scored during the load\" counts the phase's events scored by the end of its load (the producer's last acknowledgement) over the load's time; \"scored to the last score\" counts all its events over the time from the load's start to the last score record, so it includes the drain after the load (its length in brackets): a pipeline that falls behind shows a lower rate there than the load. Latency percentiles and the chart cover the whole phase, drain included.");
        text.AppendLine("- Lag: events produced (acknowledged) but not yet scored, sampled each second. CPU and working set: of the silo process(es), sampled each second from /proc.");
        if (o.Target is null)
        {
            text.AppendLine(o.SiloMemoryLimitMiB is { } limit
                ? $"- Memory: each silo process may use {N(limit)} MiB, as in a container with that memory limit, where .NET keeps its GC heap within {P(SiloMemoryLimit.ContainerHeapShare)} of it: the harness starts it with `{SiloMemoryLimit.HeapHardLimitVariable}` {N(SiloMemoryLimit.HeapBytes(limit) / (1024 * 1024))} MiB (`--silo-memory` sets the limit, 0 none). The working set is the whole process's: heap, native memory and code. Without a limit the server GC lets the heap grow far past what is live while the machine has memory to spare."
                : "- Memory: the silo processes ran without a memory limit (`--silo-memory 0`): the server GC lets the heap grow far past what is live while the machine has memory to spare.");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Warm-up: the steady, burst, hot-swap and silo-loss phases first produce at their (base) rate for {S(o.WarmUp)}, which no figure or chart includes; a phase's figures are taken by the second its score records arrived, from the first second of its measured load.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Hot swap: under {P(o.Load)} load, `POST /api/models/{{name}}/retrain` then `POST /api/models/{{name}}/promote` with the version it published (X-Api-Key). Silo loss: two silos on PostgreSQL sharing the broker, under {P(o.SiloLossLoad)} load, one killed with SIGKILL; the lower load because the dead silo's partitions go unread until it is declared dead and then resume from their last checkpoint (at least twice `Entities:FlushInterval` back; the surviving silo declares the dead one dead once its port has refused two connections 200 ms apart, and the harness sets Orleans' own probes to 1 s, 2 missed) and the embedded broker keeps at most 5 MiB per partition: at half the maximum it dropped unread events before the surviving silo took the partitions over (a real broker keeps days).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Active entities: {N(o.Entities)} machines, {N(o.EventsPerEntity)} events each in turn (warm: a machine's recent-score history holds {ScoreHistory.Capacity}), at up to {P(o.Load)} of the maximum rate while at most {N(o.EntitiesMaxInFlight)} events wait for their score, so a silo that falls behind does not lose events to the embedded broker's 5 MiB per partition. Embedded mode: the silo process also holds the grain storage, a serialised copy of every machine's state.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- \"During the event\": scores that arrived from the second of the retrain request (or the kill) through the second {S(o.EventWindow)} after the promotion (or the kill). The target \"p99 during the event at most 3x steady state\" is judged, for the hot swap, against the steady phase's p99: the steady state at the same rate on the same silo (the hot-swap phase's own {S(o.EventBefore)} before the retrain request are shown too, but are short and need not be steady); for the silo loss, whose two silos at {P(o.SiloLossLoad)} load no other phase has, against the p99 before the kill in its own phase (after the warm-up).");
        text.AppendLine();
        text.AppendLine("Command (from the repository root):");
        text.AppendLine("```");
        text.AppendLine(command);
        text.AppendLine("```");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Run {date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {runTime.TotalMinutes:0.0} minutes.");
        text.AppendLine();
        text.Append(Summary(result));
        text.AppendLine();
        text.Append(Phases(result));
        foreach (var phase in result.Phases)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {Title(phase.Name)}");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{phase.Load}. Produced {N(phase.Produced)}, lost {N(phase.Lost)}, duplicate score records {N(phase.Duplicates)}, model versions gone back {N(phase.Versions.Backward)} (forward {N(phase.Versions.Forward)}), max lag {N(phase.MaxLag)} events, silo CPU {F(phase.CpuCores)} cores, peak working set {N(phase.PeakWorkingSetMiB)} MiB.");
            if (phase.EventLatency is { } during && phase.BeforeLatency is { } before)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"p99 before the event in the phase {Ms(before.P99)}, during it {Ms(during.P99)} (max {Ms(during.Max)}).");
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"![{phase.Name}]({ChartPath(phase)})");
        }

        return text.ToString();
    }

    private static string Title(string name) => name switch
    {
        PipelineScenario.HotSwap => "Hot swap",
        PipelineScenario.SiloLoss => "Silo loss",
        PipelineScenario.Entities => "Active entities",
        _ => char.ToUpperInvariant(name[0]) + name[1..],
    };

    private static void Row(StringBuilder text, string measure, string result, string target) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {result} | {target} |");

    private static string Met(bool met) => met ? "met" : "**missed**";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", string.Empty, StringComparison.Ordinal);

    private static string S(TimeSpan value) => $"{value.TotalSeconds:0} s";

    private static string X(double? factor) => factor is { } f ? f.ToString("0.0", CultureInfo.InvariantCulture) + "x" : "n/a";

    private static string Ms(TimeSpan value) => $"{value.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";
}
