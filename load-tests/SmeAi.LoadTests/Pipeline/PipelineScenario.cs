using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SmeAi.LoadTests.Measurement;
using SmeAi.Testing;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// Issue 7: the real pipeline (silo processes; entity grains score every event through the per-silo model cache and
/// publish a score record) under load. One silo: the maximum rate, the baseline over the same events, steady, burst,
/// hot swap and 100,000 entities; then two silos on PostgreSQL, one killed under load.
/// </summary>
internal sealed partial class PipelineScenario(PipelineScenarioOptions options, ILogger<PipelineScenario> logger, TimeProvider timeProvider)
{
    public const string Steady = "steady";
    public const string Burst = "burst";
    public const string HotSwap = "hot-swap";
    public const string SiloLoss = "silo-loss";
    public const string Entities = "entities";

    public async Task<PipelineResult> RunAsync(CancellationToken cancellationToken)
    {
        var phases = new List<PhaseResult>();
        var baselineScorer = await Task.Run(() => ScoringBaseline.TrainScorer(2_000), cancellationToken);
        Throughput pipeline, baseline;
        double pipelineCores, rateBase, rate;
        bool maxRateWhileDraining;
        await using (var run = options.Target is { } target
            ? await PipelineRun.AttachAsync(options, logger, timeProvider, target, cancellationToken)
            : await PipelineRun.StartAsync(options, logger, timeProvider, silos: 1, postgres: null, cancellationToken))
        {
            var (model, version) = await run.WarmUpAsync(cancellationToken);
            LogWarmedUp(logger, model, version);

            (pipeline, pipelineCores, maxRateWhileDraining, var from, var to) = await MaxRateAsync(run, cancellationToken);
            LogMaxRate(logger, pipeline.EventsPerSecond, pipelineCores);
            if (!(pipeline.EventsPerSecond > 0))
            {
                // Every phase's load is a share of it: at the floor of 1 event/s the entities phase alone would take hours.
                throw new InvalidOperationException($"The maximum rate measured {pipeline.EventsPerSecond} events/s over {pipeline.Elapsed}; the phases cannot be loaded at a share of it.");
            }

            baseline = await Task.Run(
                () => ScoringBaseline.Run(run.BootstrapServers, from, to, baselineScorer, options.DrainTimeout, cancellationToken), cancellationToken);
            LogBaseline(logger, baseline.EventsPerSecond, baseline.CpuCores);

            rateBase = options.RateBase ?? pipeline.EventsPerSecond;
            if (options.RateBase is { } given)
            {
                LogRateBaseGiven(logger, given, pipeline.EventsPerSecond);
            }

            rate = Math.Max(1, Math.Round(rateBase * options.Load));
            if (options.Runs(Steady))
            {
                phases.Add(await SteadyAsync(run, rate, cancellationToken));
            }

            if (options.Runs(Burst))
            {
                phases.Add(await BurstAsync(run, rateBase, cancellationToken));
            }

            if (options.Runs(HotSwap))
            {
                phases.Add(await HotSwapAsync(run, rate, model, cancellationToken));
            }

            if (options.Runs(Entities))
            {
                phases.Add(await EntitiesAsync(run, rate, cancellationToken));
            }
        }

        if (options.Runs(SiloLoss))
        {
            phases.Add(await SiloLossAsync(Math.Max(1, Math.Round(rateBase * options.SiloLossLoad)), cancellationToken));
        }

        return new PipelineResult(options, pipeline, pipelineCores, maxRateWhileDraining, baseline, rate, phases);
    }

    /// <summary>
    /// Produces <see cref="PipelineScenarioOptions.MaxRateEvents"/> as fast as possible; the rate is taken over a
    /// <see cref="MaxRateWindow"/>.
    /// </summary>
    private async Task<(Throughput Rate, double Cores, bool WhileDraining, long[] From, long[] To)> MaxRateAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        var bootstrap = run.BootstrapServers;
        var before = TopicWatermarks.High(bootstrap, options.Partitions);
        var scoredBefore = run.Collector.Distinct;
        var started = Stopwatch.GetTimestamp();
        var produce = run.Load.BulkAsync(options.MaxRateEvents, options.Keys, cancellationToken);
        long first = 0, produced = 0, scoredWhenProduced = 0;
        var target = scoredBefore + options.MaxRateEvents;
        var deadline = Stopwatch.GetTimestamp() + (long)(options.DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (run.Collector.Distinct is var scored && scored < target && Stopwatch.GetTimestamp() < deadline)
        {
            if (first == 0 && scored > scoredBefore)
            {
                first = Stopwatch.GetTimestamp();
            }

            if (produced == 0 && produce.IsCompleted)
            {
                (produced, scoredWhenProduced) = (Stopwatch.GetTimestamp(), scored - scoredBefore);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2), cancellationToken);
        }

        var last = Stopwatch.GetTimestamp();
        await produce;
        var after = TopicWatermarks.High(bootstrap, options.Partitions);
        var lost = await run.DrainAsync(before, after, cancellationToken);
        if (lost > 0)
        {
            throw new TimeoutException($"{lost} of {options.MaxRateEvents} events of the maximum-rate phase were not scored within {options.DrainTimeout}.");
        }

        // The sampler records each second once it is over: wait for the drain's last second to be recorded.
        await Task.Delay(TimeSpan.FromSeconds(1.5), timeProvider, cancellationToken);
        var window = MaxRateWindow.Choose(options.MaxRateEvents, started, first, produced, scoredWhenProduced, last);
        var samples = run.Sampler.Window(RunClock.SecondOf(run.Clock.Elapsed - Stopwatch.GetElapsedTime(window.From)), RunClock.SecondOf(run.Clock.Elapsed - Stopwatch.GetElapsedTime(last)) + 1);
        var cores = samples.Count == 0 ? 0 : samples.Average(s => s.CpuCores);
        LogMaxRateWindow(logger, window.Events, window.WhileDraining ? "while the backlog drained" : "from the first score to the last");
        return (new Throughput(window.Events, window.Elapsed, cores), cores, window.WhileDraining, before, after);
    }

    private Task<PhaseResult> SteadyAsync(PipelineRun run, double rate, CancellationToken cancellationToken) =>
        PhaseAsync(
            run, Steady, $"{N(rate)} events/s for {S(options.SteadyDuration)}", options.Keys, _ => rate, t => t >= options.SteadyDuration, [], cancellationToken,
            warmUp: options.WarmUp);

    private async Task<PhaseResult> BurstAsync(PipelineRun run, double maxRate, CancellationToken cancellationToken)
    {
        var low = Math.Max(1, Math.Round(maxRate * options.BurstBaseLoad));
        var high = low * options.BurstFactor;
        var burstEnd = options.BurstBefore + options.BurstDuration;
        var markers = new List<PhaseMarker>();
        var phase = PhaseAsync(
            run, Burst,
            $"{N(low)} events/s, {options.BurstFactor:0}x ({N(high)} events/s) for {S(options.BurstDuration)} after {S(options.BurstBefore)}, then {N(low)} events/s for {S(options.BurstAfter)}",
            options.Keys, t => t >= options.BurstBefore && t < burstEnd ? high : low, t => t >= burstEnd + options.BurstAfter, markers, cancellationToken,
            start => markers.AddRange([new PhaseMarker("burst", start + options.BurstBefore), new PhaseMarker("burst end", start + burstEnd)]),
            start => (start + options.BurstBefore, start + burstEnd),
            options.WarmUp);
        return await phase;
    }

    private async Task<PhaseResult> HotSwapAsync(PipelineRun run, double rate, string model, CancellationToken cancellationToken)
    {
        var markers = new List<PhaseMarker>();
        TimeSpan swapAt = TimeSpan.Zero;
        long swapDoneTicks = -1; // phase time the new version scored; read by the producer thread
        async Task SwapAsync(TimeSpan start)
        {
            await Task.Delay(options.EventBefore, timeProvider, cancellationToken);
            swapAt = run.Clock.Elapsed;
            markers.Add(new PhaseMarker("retrain", swapAt));
            var outcome = await run.Api.RetrainAsync(model, cancellationToken);
            if (!outcome.Published)
            {
                throw new InvalidOperationException($"The hot-swap retraining of {model} published nothing: {outcome.Detail}");
            }

            await run.Api.PromoteAsync(model, outcome.Version, cancellationToken);
            markers.Add(new PhaseMarker($"promoted v{outcome.Version}", run.Clock.Elapsed));
            await PipelineRun.WaitUntilAsync(
                () => Task.FromResult(run.Collector.FirstSeen(outcome.Version) is not null), $"a score from v{outcome.Version}", options.DrainTimeout, cancellationToken);
            markers.Add(new PhaseMarker($"first v{outcome.Version} score", run.Collector.FirstSeen(outcome.Version)!.Value));
            LogSwapped(logger, model, outcome.Version, (run.Clock.Elapsed - swapAt).TotalSeconds);
            Interlocked.Exchange(ref swapDoneTicks, (run.Clock.Elapsed - start).Ticks);
        }

        Task? swap = null;
        var result = await PhaseAsync(
            run, HotSwap, $"{N(rate)} events/s; retrain + promote through the API after {S(options.EventBefore)}, load kept {S(options.EventAfter)} after the swap", options.Keys, _ => rate,
            t => swap!.IsFaulted || (Interlocked.Read(ref swapDoneTicks) is >= 0 and var done && t.Ticks >= done + options.EventAfter.Ticks), markers, cancellationToken,
            start => swap = SwapAsync(start),
            _ => (swapAt, markers.Count > 1 ? markers[1].At + options.EventWindow : swapAt + options.EventWindow),
            options.WarmUp);
        await swap!;
        return result;
    }

    /// <summary>
    /// Every machine gets <see cref="PipelineScenarioOptions.EventsPerEntity"/> events, round robin, at the phase's rate
    /// while fewer than <see cref="PipelineScenarioOptions.EntitiesMaxInFlight"/> events wait for their score: the
    /// embedded broker keeps only a few MB per partition, so a silo lagging further would find its events gone.
    /// </summary>
    private async Task<PhaseResult> EntitiesAsync(PipelineRun run, double rate, CancellationToken cancellationToken)
    {
        var events = (long)options.Entities * options.EventsPerEntity;

        // A small run (the quick one) still takes a second, so the once-a-second sampler reads the silo's memory in it.
        rate = Math.Min(rate, events);
        var (producedBefore, scoredBefore) = (run.Load.Produced, run.Collector.Distinct);
        long InFlight() => run.Load.Produced - producedBefore - (run.Collector.Distinct - scoredBefore);
        return await PhaseAsync(
            run, Entities,
            $"{N(options.Entities)} distinct machines, {options.EventsPerEntity} events each at up to {N(rate)} events/s, at most {N(options.EntitiesMaxInFlight)} unscored",
            options.Entities, _ => InFlight() < options.EntitiesMaxInFlight ? rate : 0, _ => run.Load.Produced - producedBefore >= events, [], cancellationToken);
    }

    private async Task<PhaseResult> SiloLossAsync(double rate, CancellationToken cancellationToken)
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("loadtest");
        await using var run = await PipelineRun.StartAsync(options, logger, timeProvider, silos: 2, postgres: database, cancellationToken);
        await run.WarmUpAsync(cancellationToken);
        var markers = new List<PhaseMarker>();
        TimeSpan killAt = TimeSpan.Zero;
        async Task KillAsync()
        {
            await Task.Delay(options.EventBefore, timeProvider, cancellationToken);
            killAt = run.Clock.Elapsed;
            run.Kill(1);
            markers.Add(new PhaseMarker("silo killed", killAt));
            LogKilled(logger, run.Silos[1].ProcessId);
        }

        Task? kill = null;
        var result = await PhaseAsync(
            run, SiloLoss, $"two silos on PostgreSQL, {N(rate)} events/s; one killed (SIGKILL) after {S(options.EventBefore)}", options.Keys, _ => rate,
            t => t >= options.EventBefore + options.EventAfter, markers, cancellationToken,
            _ => kill = KillAsync(),
            _ => (killAt, killAt + options.EventWindow),
            options.WarmUp);
        await kill!;
        return result;
    }

    /// <summary>
    /// Produces at the phase's first rate for <paramref name="warmUp"/> (not measured), then at <paramref name="rate"/>
    /// until <paramref name="done"/> (given the time since the start), waits until everything is scored (or the drain
    /// timeout), and summarises. <paramref name="onStart"/> gets the run time the measured load began;
    /// <paramref name="eventWindow"/> names the window of a swap or a kill.
    /// </summary>
    private async Task<PhaseResult> PhaseAsync(
        PipelineRun run, string name, string load, int keys, Func<TimeSpan, double> rate, Func<TimeSpan, bool> done, List<PhaseMarker> markers,
        CancellationToken cancellationToken, Action<TimeSpan>? onStart = null, Func<TimeSpan, (TimeSpan At, TimeSpan End)>? eventWindow = null,
        TimeSpan warmUp = default)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await run.Load.PacedAsync(_ => rate(TimeSpan.Zero), warmUp, keys, cancellationToken);
        }

        var bootstrap = run.BootstrapServers;
        var before = TopicWatermarks.High(bootstrap, options.Partitions);
        var duplicates = run.Collector.Duplicates;
        var versions = run.Collector.VersionMoves;
        var start = run.Clock.Elapsed;
        LogPhase(logger, name, load);
        onStart?.Invoke(start);
        run.BeginPhase();
        // A silo that died or stopped scoring would leave a phase waiting for room among the unscored events for ever
        // (the entities phase).
        await run.Load.PacedAsync(rate, elapsed => { run.EnsureSilosRunning(); run.EnsureScoring(); return done(elapsed); }, keys, cancellationToken);
        var after = TopicWatermarks.High(bootstrap, options.Partitions);
        var scoredDuringLoad = run.CountScored(before, after);
        var loadEnd = run.Clock.Elapsed;
        var lost = await run.DrainAsync(before, after, cancellationToken);
        var end = run.Clock.Elapsed;
        var produced = Enumerable.Range(0, before.Length).Sum(p => after[p] - before[p]);
        var window = eventWindow?.Invoke(start);
        var result = run.Summarise(
            name, load, start, loadEnd, end, produced, scoredDuringLoad, lost, run.Collector.Duplicates - duplicates, run.Collector.VersionMoves.Since(versions), markers, window?.At, window?.End);
        LogPhaseResult(logger, name, result.ScoredPerSecondDuringLoad, result.EventsPerSecond, result.Drain.TotalSeconds, result.Latency.P50.TotalMilliseconds, result.Latency.P99.TotalMilliseconds, result.Lost, result.PeakWorkingSetMiB);
        return result;
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string S(TimeSpan value) => $"{value.TotalSeconds:0} s";

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information, Message = "Warm-up done: {Model} v{Version} scores the load")]
    private static partial void LogWarmedUp(ILogger logger, string model, int version);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Information, Message = "Pipeline maximum: {EventsPerSecond:F0} events/s scored end to end, silo {Cores:F2} cores busy")]
    private static partial void LogMaxRate(ILogger logger, double eventsPerSecond, double cores);

    [LoggerMessage(EventId = 7118, Level = LogLevel.Information, Message = "Maximum rate measured over {Events} events {How}")]
    private static partial void LogMaxRateWindow(ILogger logger, long events, string how);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Information, Message = "Baseline (plain consumer loop + managed scorer): {EventsPerSecond:F0} events/s, {Cores:F2} cores busy")]
    private static partial void LogBaseline(ILogger logger, double eventsPerSecond, double cores);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Information, Message = "Loads are shares of {Given:F0} events/s (--rate-base), not of the {Measured:F0} events/s measured")]
    private static partial void LogRateBaseGiven(ILogger logger, double given, double measured);

    [LoggerMessage(EventId = 7114, Level = LogLevel.Information, Message = "Phase {Name}: {Load}")]
    private static partial void LogPhase(ILogger logger, string name, string load);

    [LoggerMessage(EventId = 7115, Level = LogLevel.Information,
        Message = "Phase {Name}: {DuringLoad:F0} events/s scored during the load, {ToLastScore:F0} events/s to the last score ({DrainSeconds:F1} s after the load), p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms, lost {Lost}, peak working set {WorkingSetMiB:F0} MiB")]
    private static partial void LogPhaseResult(ILogger logger, string name, double duringLoad, double toLastScore, double drainSeconds, double p50Ms, double p99Ms, long lost, double workingSetMiB);

    [LoggerMessage(EventId = 7116, Level = LogLevel.Information, Message = "Hot swap: {Model} v{Version} scoring {Seconds:F1} s after the retrain request")]
    private static partial void LogSwapped(ILogger logger, string model, int version, double seconds);

    [LoggerMessage(EventId = 7117, Level = LogLevel.Information, Message = "Killed silo process {ProcessId}")]
    private static partial void LogKilled(ILogger logger, int processId);
}
