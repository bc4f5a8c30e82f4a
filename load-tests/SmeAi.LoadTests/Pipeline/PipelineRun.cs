using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SmeAi.Abstractions;
using SmeAi.LoadTests.Kafka;
using SmeAi.LoadTests.Measurement;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Testing;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// One cluster under load: a broker in this process (to the silos an external Kafka, so their CPU and memory figures
/// are the silo's alone), silo processes started as an operator would, the load generator, the score collector and
/// the per-second sampler, all on one run clock. Or, attached to a <see cref="RunningSilo"/>, the same around a silo
/// and a Kafka that someone else runs.
/// </summary>
internal sealed partial class PipelineRun : IAsyncDisposable
{
    /// <summary>
    /// Producer batching delay of the load generator and of the silo's outputs. The embedded (mock) broker hands a
    /// consumer one batch per partition per fetch and holds an empty fetch for its whole wait, so batches made more
    /// often than a fetch cycle pile up unread: at a steady rate the reader, not the silo, would set the pace.
    /// </summary>
    public const int LingerMs = 20;

    private static readonly string PipelineLingerMs = LingerMs.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(120);
    private readonly PipelineScenarioOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _settings;
    private readonly List<SiloProcess> _silos = [];

    // Silos this run killed on purpose (silo loss); any other that exits has failed.
    private readonly HashSet<int> _killed = [];
    private StallWatch? _stall;
    private long _phaseProducedBefore;
    private long _phaseScoredBefore;
    private readonly EmbeddedKafkaBroker? _broker;
    private readonly HttpClient? _attached;

    private PipelineRun(PipelineScenarioOptions options, ILogger logger, TimeProvider timeProvider, EmbeddedKafkaBroker broker, string? postgres)
        : this(options, logger, timeProvider, broker.BootstrapServers, options.Partitions, $"loadtest-{Guid.NewGuid():N}")
    {
        _broker = broker;
        _settings = SiloSettings(BootstrapServers, ApiKey);
        if (postgres is not null)
        {
            _settings["ConnectionStrings:Postgres"] = postgres;
            _settings["Orleans:Membership:ProbeTimeout"] = "00:00:01";
            _settings["Orleans:Membership:NumMissedProbesLimit"] = "2";
            _settings["Orleans:Membership:NumVotesForDeathDeclaration"] = "1";
        }
    }

    private PipelineRun(PipelineScenarioOptions options, ILogger logger, TimeProvider timeProvider, RunningSilo target)
        : this(options, logger, timeProvider, target.BootstrapServers, TopicPartitions.Of(target.BootstrapServers, TopicNames.Scores), target.ApiKey)
    {
        _attached = new HttpClient { BaseAddress = target.ApiUrl };
    }

    /// <summary>What every run has: the load generator, the score collector and the sampler on one clock, over one Kafka.</summary>
    private PipelineRun(PipelineScenarioOptions options, ILogger logger, TimeProvider timeProvider, string bootstrapServers, int scorePartitions, string apiKey)
    {
        _options = options;
        _logger = logger;
        BootstrapServers = bootstrapServers;
        Clock = new RunClock();
        Load = new TelemetryLoad(BootstrapServers, timeProvider);
        Collector = new ScoreCollector(BootstrapServers, Clock, timeProvider, scorePartitions);
        Sampler = new RunSampler(Clock, Load, Collector);
        ApiKey = apiKey;
        _settings = [];
    }

    /// <summary>A broker in this process, with every topic of the contract at the run's partition count.</summary>
    public static EmbeddedKafkaBroker StartBroker(PipelineScenarioOptions options)
    {
        var brokerOptions = new EmbeddedKafkaBrokerOptions { DefaultPartitions = options.Partitions };
        foreach (var topic in TopicNames.Inputs.Concat(TopicNames.Outputs))
        {
            brokerOptions.Topics.Add(new EmbeddedKafkaTopicOptions { Name = topic });
        }

        return new EmbeddedKafkaBroker(brokerOptions);
    }

    /// <summary>The Kafka of the run: the broker in this process, or the running silo's.</summary>
    public string BootstrapServers { get; }

    public RunClock Clock { get; }

    public TelemetryLoad Load { get; }

    public ScoreCollector Collector { get; }

    public RunSampler Sampler { get; }

    public string ApiKey { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The API of the first silo (the one never killed), or of the running silo.</summary>
    public SiloApi Api => _attached is not null ? new SiloApi(_attached, ApiKey) : new SiloApi(_silos[0].Http, ApiKey);

    /// <summary>
    /// Settings of a silo process under load, on <paramref name="bootstrapServers"/>: no demo feed, the run's
    /// batching, the API key, and little logging.
    /// </summary>
    public static Dictionary<string, string> SiloSettings(string bootstrapServers, string apiKey) => new()
    {
        ["Kafka:BootstrapServers"] = bootstrapServers,
        ["Kafka:FetchWaitMaxMs"] = "10",
        ["Outputs:ProducerLingerMs"] = PipelineLingerMs,
        ["Security:ApiKey"] = apiKey,
        ["Simulator:Embedded:Enabled"] = "false",
        // SiloProcess runs the Development environment, which logs SmeAi at Debug: too much output under load.
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:SmeAi"] = "Warning",
    };

    /// <summary>
    /// Attaches to a silo someone else runs: its Kafka (whose score topic's partition count the collector follows) and
    /// its API, sampled for CPU and memory when its process id is known. Waits until the API answers.
    /// </summary>
    public static async Task<PipelineRun> AttachAsync(
        PipelineScenarioOptions options, ILogger logger, TimeProvider timeProvider, RunningSilo target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var run = new PipelineRun(options, logger, timeProvider, target);
        try
        {
            if (target.ProcessId is { } pid)
            {
                run.Sampler.Watch(pid);
            }

            await WaitUntilAsync(async () => await run.Api.ActiveSilosAsync(cancellationToken) > 0, $"the silo API at {target.ApiUrl}", _startTimeout, cancellationToken);
            LogAttached(logger, target.ApiUrl, target.BootstrapServers);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <paramref name="silos"/> silo processes (on PostgreSQL when <paramref name="postgres"/> is set) and waits until all are active.</summary>
    public static async Task<PipelineRun> StartAsync(
        PipelineScenarioOptions options, ILogger logger, TimeProvider timeProvider, int silos, string? postgres, CancellationToken cancellationToken)
    {
        var run = new PipelineRun(options, logger, timeProvider, StartBroker(options), postgres);
        AppDomain.CurrentDomain.ProcessExit += run.KillSilos;
        AppDomain.CurrentDomain.UnhandledException += run.KillSilos;
        try
        {
            for (var i = 0; i < silos; i++)
            {
                run._silos.Add(SiloProcess.Start(run._settings, environment: SiloMemoryLimit.Environment(options.SiloMemoryLimitMiB)));
            }

            await Task.WhenAll(run._silos.Select(s => s.WaitUntilHealthyAsync(_startTimeout)));
            foreach (var silo in run._silos)
            {
                run.Sampler.Watch(silo.ProcessId);
            }

            await WaitUntilAsync(async () => await run.Api.ActiveSilosAsync(cancellationToken) == silos, $"{silos} active silos", _startTimeout, cancellationToken);
            LogStarted(logger, silos, run.BootstrapServers, postgres is null ? "embedded" : "postgres");
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Gives the anomaly model of the load's sensor set its first version: produces warm-up events, waits until they are
    /// scored (as warm-up scores), retrains through the API until a version is published, promotes it, and waits for
    /// the first score from it.
    /// </summary>
    /// <returns>The model name and the promoted version.</returns>
    public async Task<(string Model, int Version)> WarmUpAsync(CancellationToken cancellationToken)
    {
        var model = LoadModel.Name;
        for (var attempt = 1; ; attempt++)
        {
            await ProduceAndDrainAsync(_options.Keys * (long)_options.WarmUpEventsPerKey, cancellationToken);
            var outcome = await Api.RetrainAsync(model, cancellationToken);
            LogRetrained(_logger, model, outcome.Published, outcome.Promoted, outcome.Version, outcome.Detail);
            if (outcome.Published)
            {
                await Api.PromoteAsync(model, outcome.Version, cancellationToken);
                await ProduceAndDrainAsync(_options.Keys, cancellationToken);
                await WaitUntilAsync(() => Task.FromResult(Collector.FirstSeen(outcome.Version) is not null), $"a score from {model} v{outcome.Version}", _options.DrainTimeout, cancellationToken);
                return (model, outcome.Version);
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"Retraining {model} published nothing after {attempt} warm-up rounds: {outcome.Detail}");
            }
        }
    }

    /// <summary>Produces <paramref name="events"/> over the configured keys as fast as possible and waits until all are scored.</summary>
    public async Task ProduceAndDrainAsync(long events, CancellationToken cancellationToken)
    {
        var before = TopicWatermarks.High(BootstrapServers, _options.Partitions);
        await Load.BulkAsync(events, _options.Keys, cancellationToken);
        var lost = await DrainAsync(before, TopicWatermarks.High(BootstrapServers, _options.Partitions), cancellationToken);
        if (lost > 0)
        {
            throw new TimeoutException($"{lost} of {events} warm-up events were not scored within {_options.DrainTimeout}.");
        }
    }

    /// <summary>Waits until every offset between the two watermark readings has a score record, or the drain timeout passes.</summary>
    /// <returns>Events still without a score: lost.</returns>
    public async Task<long> DrainAsync(long[] before, long[] after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            long missing = 0;
            for (var p = 0; p < before.Length; p++)
            {
                missing += Collector.CountMissing(p, before[p], after[p]);
            }

            if (missing == 0)
            {
                return 0;
            }

            EnsureSilosRunning();

            if (Stopwatch.GetTimestamp() > deadline)
            {
                var examples = Enumerable.Range(0, before.Length)
                    .SelectMany(p => Collector.Missing(p, before[p], after[p], 5).Select(o => $"{p}:{o}"))
                    .Take(20);
                LogLost(_logger, missing, _options.DrainTimeout.TotalSeconds, string.Join(", ", examples));
                return missing;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Events of source offsets [<paramref name="before"/>, <paramref name="after"/>) with a score record so far.</summary>
    public long CountScored(long[] before, long[] after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        long scored = 0;
        for (var p = 0; p < before.Length; p++)
        {
            scored += after[p] - before[p] - Collector.CountMissing(p, before[p], after[p]);
        }

        return scored;
    }

    /// <summary>
    /// Summarises run time [<paramref name="from"/>, <paramref name="to"/>) from the collector and the sampler; with a
    /// swap or a kill at <paramref name="eventAt"/>, also the latency during it (until <paramref name="eventEnd"/>) and
    /// before it in the phase (<see cref="PhaseWindows"/>).
    /// </summary>
    public PhaseResult Summarise(
        string name, string load, TimeSpan from, TimeSpan loadEnd, TimeSpan to, long produced, long scoredDuringLoad, long lost, long duplicates, VersionMoves versions,
        IReadOnlyList<PhaseMarker> markers, TimeSpan? eventAt = null, TimeSpan? eventEnd = null)
    {
        var whole = PhaseWindows.Whole(from, to);
        var samples = Sampler.Window(whole.From, whole.To);
        var scored = produced - lost;
        var seconds = Math.Max((to - from).TotalSeconds, 1e-3);
        LatencySummary? during = null, before = null;
        if (eventAt is { } at)
        {
            before = Latency(PhaseWindows.Before(from, at));
            during = Latency(PhaseWindows.During(at, eventEnd ?? to));
        }

        return new PhaseResult(
            name, load, from, loadEnd, to, produced, lost, duplicates, versions, scoredDuringLoad, scored / seconds,
            Latency(whole), during, before,
            samples.Count == 0 ? 0 : samples.Max(s => s.Lag),
            samples.Count == 0 ? 0 : samples.Average(s => s.CpuCores),
            samples.Count == 0 ? 0 : samples.Max(s => s.WorkingSetMiB),
            markers,
            Timeline(whole.From, whole.To));
    }

    private LatencySummary Latency(SecondRange seconds) => LatencySummary.From(Collector.Window(seconds.From, seconds.To));

    private List<TimelinePoint> Timeline(int first, int last)
    {
        var samples = Sampler.Window(first - 1, last).ToDictionary(s => s.Second);
        var points = new List<TimelinePoint>();
        for (var second = first; second < last; second++)
        {
            if (!samples.TryGetValue(second, out var now))
            {
                continue;
            }

            var previous = samples.GetValueOrDefault(second - 1);
            var (_, p50, p99) = Collector.Second(second);
            points.Add(new TimelinePoint(
                second - first,
                previous is null ? double.NaN : now.Produced - previous.Produced,
                previous is null ? double.NaN : now.Scored - previous.Scored,
                p50, p99, now.Lag, now.CpuCores, now.WorkingSetMiB));
        }

        return points;
    }

    /// <summary>Kills silo <paramref name="index"/> at once (no shutdown, no final writes), as a power cut would.</summary>
    public void Kill(int index)
    {
        _killed.Add(index);
        _silos[index].KillHard();
    }

    /// <summary>
    /// Throws when a silo process this run did not kill has exited (it crashed, or ran out of memory): waiting for its
    /// scores, or for room among the unscored events, would then last for ever.
    /// </summary>
    public void EnsureSilosRunning()
    {
        for (var i = 0; i < _silos.Count; i++)
        {
            if (!_killed.Contains(i) && _silos[i].HasExited)
            {
                throw new InvalidOperationException(
                    $"Silo process {i} exited with code {_silos[i].ExitCode} during the run; the end of its output:{Environment.NewLine}{_silos[i].OutputTail(20)}");
            }
        }
    }

    /// <summary>Starts watching a phase's events for a stall (<see cref="EnsureScoring"/>); counts before it are not its own.</summary>
    public void BeginPhase()
    {
        _phaseProducedBefore = Load.Produced;
        _phaseScoredBefore = Collector.Distinct;
        _stall = new StallWatch(_options.StallTimeout, () => Clock.Elapsed);
    }

    /// <summary>
    /// Throws when the phase's events wait for their score and none was scored for
    /// <see cref="PipelineScenarioOptions.StallTimeout"/>: a silo that stopped scoring would leave a phase that waits for
    /// room among its unscored events waiting for ever.
    /// </summary>
    public void EnsureScoring()
    {
        var stall = _stall ?? throw new InvalidOperationException($"{nameof(BeginPhase)} was not called.");
        var produced = Load.Produced - _phaseProducedBefore;
        var scored = Collector.Distinct - _phaseScoredBefore;
        if (stall.IsStalled(produced, scored))
        {
            var tails = _silos.Select((silo, i) => $"silo {i}:{Environment.NewLine}{silo.OutputTail(20)}");
            throw new InvalidOperationException(
                $"No event was scored for {stall.Timeout} while {produced - scored:N0} of the phase's waited; the end of the silos' output:{Environment.NewLine}{string.Join(Environment.NewLine, tails)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillSilos;
        AppDomain.CurrentDomain.UnhandledException -= KillSilos;
        foreach (var silo in _silos)
        {
            // Nothing of a load run needs keeping, and a graceful stop under a backlog takes long.
            if (!silo.HasExited)
            {
                silo.KillHard();
            }

            await silo.DisposeAsync();
            if (_options.SiloLogDirectory is { } logDirectory)
            {
                Directory.CreateDirectory(logDirectory);
                await File.WriteAllTextAsync(Path.Combine(logDirectory, $"silo-{_silos.IndexOf(silo)}.log"), silo.Output);
            }
        }

        Sampler.Dispose();
        Collector.Dispose();
        Load.Dispose();
        _attached?.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    /// <summary>Should this process end without disposing the run (a crash), its silo processes must not outlive it.</summary>
    private void KillSilos(object? sender, EventArgs e)
    {
        foreach (var silo in _silos.Where(s => !s.HasExited))
        {
            silo.KillHard();
        }
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"Waited {timeout} for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Started {Silos} silo process(es) in {Mode} mode; broker at {BootstrapServers}")]
    private static partial void LogStarted(ILogger logger, int silos, string bootstrapServers, string mode);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "Attached to the running silo at {ApiUrl}; its Kafka at {BootstrapServers}")]
    private static partial void LogAttached(ILogger logger, Uri apiUrl, string bootstrapServers);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "{Missing} events had no score record {Seconds:F0} s after the load ended; first (partition:offset): {Examples}")]
    private static partial void LogLost(ILogger logger, long missing, double seconds, string examples);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Retrained {Model}: published {Published}, promoted {Promoted}, version {Version} ({Detail})")]
    private static partial void LogRetrained(ILogger logger, string model, bool published, bool promoted, int version, string detail);
}
