using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.LoadTests.Scenarios.Provider;

/// <summary>Size and durations of the provider benchmark (issue 3): throughput against the plain loop, then latency.</summary>
internal sealed record ProviderScenarioOptions
{
    /// <summary>Events pre-produced for the throughput phases. Default 400,000.</summary>
    public long Events { get; init; } = 400_000;

    /// <summary>Distinct machine ids (message keys, grains). Default 1,000.</summary>
    public int Keys { get; init; } = 1_000;

    /// <summary>Partitions of the benchmark topic (Orleans queues). Default 16.</summary>
    public int Partitions { get; init; } = 16;

    /// <summary>Paced production before latencies are recorded. Default 3 s.</summary>
    public TimeSpan LatencyWarmUp { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Paced production while latencies are recorded. Default 25 s.</summary>
    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Share of the provider's measured maximum rate the latency phase produces at. Default 0.5.</summary>
    public double LatencyLoad { get; init; } = 0.5;

    /// <summary>
    /// Produce the latency phase's paced load from a child process, so the producer's garbage collections and threads
    /// do not share the silo's runtime. Default true (falls back to in process when the child cannot be started).
    /// </summary>
    public bool SeparateProducerProcess { get; init; } = true;

    /// <summary>Longest wait for a new delivery before the events still missing count as lost. Default 30 s.</summary>
    public TimeSpan DeliveryIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one phase to consume everything; what is missing then counts as lost. Default 5 minutes.</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Provider settings for this scenario, applied after the required ones (broker, group, topic).</summary>
    public Action<KafkaStreamOptions>? TuneProvider { get; init; }

    /// <summary>A smoke run of well under a minute: it measures, but its figures mean little.</summary>
    public static ProviderScenarioOptions Quick { get; } = new()
    {
        Events = 20_000,
        LatencyWarmUp = TimeSpan.FromSeconds(1),
        LatencyDuration = TimeSpan.FromSeconds(5),
        PhaseTimeout = TimeSpan.FromSeconds(40),
        DeliveryIdleTimeout = TimeSpan.FromSeconds(10),
    };
}
