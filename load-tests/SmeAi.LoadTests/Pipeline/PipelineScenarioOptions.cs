using SmeAi.Grains.Entities;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>Sizes and durations of the pipeline scenarios (issue 7). Rates are shares of the measured maximum.</summary>
internal sealed record PipelineScenarioOptions
{
    /// <summary>Partitions of every topic. Default 16, as embedded mode.</summary>
    public int Partitions { get; init; } = 16;

    /// <summary>Machines of the steady, burst, hot-swap and silo-loss loads. Default 1,000.</summary>
    public int Keys { get; init; } = 1_000;

    /// <summary>
    /// Warm-up events per machine before the first training. Default 25: a machine grain sends its sampled rows to the
    /// trainer 25 at a time, so fewer leave the trainer without samples.
    /// </summary>
    public int WarmUpEventsPerKey { get; init; } = 25;

    /// <summary>
    /// Events produced as fast as possible to measure the maximum rate (and read by the baseline). Default 200,000. At
    /// 350,000 the baseline's single consumer read the embedded broker more slowly (108,000 against 143,000 events/s,
    /// at half a core: fetch-bound), which flattered the ratio; 500,000 outgrew the broker's 5 MiB per partition.
    /// </summary>
    public long MaxRateEvents { get; init; } = 200_000;

    /// <summary>Share of the maximum rate of the steady, hot-swap and silo-loss loads. Default 0.5.</summary>
    public double Load { get; init; } = 0.5;

    /// <summary>
    /// Events/s that the phases' shares are taken of instead of the measured maximum, so A/B runs load both sides alike
    /// on machines whose speed varies from run to run; null (default) takes the measured maximum.
    /// </summary>
    public double? RateBase { get; init; }

    /// <summary>
    /// Share of the maximum rate of the silo-loss load. Default 0.2: until the killed silo is declared dead (seconds)
    /// its partitions are not read, and the embedded broker keeps at most 5 MiB per partition, so at half the maximum
    /// it dropped the oldest unread events before the surviving silo took the partitions over (a real broker keeps
    /// days). At this share the backlog of those seconds fits.
    /// </summary>
    public double SiloLossLoad { get; init; } = 0.2;

    /// <summary>
    /// Load at the phase's (base) rate before the measured part of the steady, burst, hot-swap and silo-loss phases, in
    /// no figure or chart. Default 5 s: a phase's first seconds after the one before it (or after the silos' start) are
    /// not its steady state.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Steady load: measured time. Default 30 s.</summary>
    public TimeSpan SteadyDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Burst: the base load's share of the maximum, the factor, and the times before, during and after. Defaults 0.08,
    /// 10x, 10 s, 10 s, 20 s. The burst peaks at 80% of the maximum: the maximum is measured with the producer idle, and
    /// a burst at 100% while the producer shares the two cores left a backlog that outgrew the embedded broker's 5 MiB
    /// per partition (31,326 events dropped unread at 116,000 events/s).
    /// </summary>
    public double BurstBaseLoad { get; init; } = 0.08;

    public double BurstFactor { get; init; } = 10;

    public TimeSpan BurstBefore { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan BurstDuration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan BurstAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Hot swap and silo loss: load before the event and after it. Defaults 20 s and 30 s.</summary>
    public TimeSpan EventBefore { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan EventAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after a swap or a kill counts as "during the event". Default 10 s.</summary>
    public TimeSpan EventWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Scenarios not to run (the maximum rate and the baseline always run). Default none.</summary>
    public IReadOnlySet<string> Skip { get; init; } = new HashSet<string>();

    /// <summary>
    /// Distinct machines of the entities scenario, and events each. Defaults 100,000 and as many as a machine's
    /// recent-score history holds, so every machine's state has grown to its working size.
    /// </summary>
    public int Entities { get; init; } = 100_000;

    public int EventsPerEntity { get; init; } = ScoreHistory.Capacity;

    /// <summary>
    /// Most events of the entities scenario produced and not yet scored (default 100,000, about 1 MB per partition
    /// of the embedded broker, which keeps a few MB per partition).
    /// </summary>
    public long EntitiesMaxInFlight { get; init; } = 100_000;

    /// <summary>
    /// Memory each silo process the harness starts may use, as a container's memory limit gives it (see
    /// <see cref="SiloMemoryLimit"/>); null = no limit. Default 2,048 MiB, the budget for 100,000 active entities.
    /// </summary>
    public int? SiloMemoryLimitMiB { get; init; } = 2_048;

    /// <summary>Where each silo process's output goes when the run ends (silo-0.log, ...); kept only in memory when null.</summary>
    public string? SiloLogDirectory { get; init; }

    /// <summary>Longest wait for everything produced to be scored; what is still missing then is lost. Default 2 minutes.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a loaded phase may see no event scored while events wait before it stops the run. Default 3 minutes.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A running silo to load instead of silo processes this harness starts (default none). Its Kafka's partition count
    /// replaces <see cref="Partitions"/>; silo loss, which kills a silo, runs only against silos the harness started.
    /// </summary>
    public RunningSilo? Target { get; init; }

    public bool Runs(string scenario) => !Skip.Contains(scenario) && (scenario != PipelineScenario.SiloLoss || Target is null);

    /// <summary>A smoke run of under a minute (one silo, no PostgreSQL): it measures, but its figures mean little.</summary>
    public static PipelineScenarioOptions Quick { get; } = new()
    {
        Keys = 200,
        MaxRateEvents = 10_000,
        WarmUp = TimeSpan.FromSeconds(1),
        SteadyDuration = TimeSpan.FromSeconds(4),
        BurstBefore = TimeSpan.FromSeconds(1),
        BurstDuration = TimeSpan.FromSeconds(2),
        BurstAfter = TimeSpan.FromSeconds(2),
        EventBefore = TimeSpan.FromSeconds(2),
        EventAfter = TimeSpan.FromSeconds(4),
        EventWindow = TimeSpan.FromSeconds(3),
        Skip = new HashSet<string> { PipelineScenario.SiloLoss },
        Entities = 2_000,
        EventsPerEntity = 1,
        DrainTimeout = TimeSpan.FromSeconds(20),
        StallTimeout = TimeSpan.FromMinutes(1),
    };
}
