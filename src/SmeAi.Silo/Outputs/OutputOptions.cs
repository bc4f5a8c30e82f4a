namespace SmeAi.Silo.Outputs;

/// <summary>Settings of the output side: per-event scores, the output and alert store queues, and how long stored alerts are kept.</summary>
public sealed class OutputOptions
{
    public const string SectionName = "Outputs";

    /// <summary>Publish every event's score to <c>smeai-scores</c> (for export and latency measurement). Default true.</summary>
    public bool PublishScores { get; set; } = true;

    /// <summary>
    /// Outputs waiting to be written (scores, churn updates, alerts). When full, grains wait for room: the stream slows
    /// down instead of losing outputs or growing memory. Default 20,000 (a few MB).
    /// </summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>
    /// Producer batching delay of the output topics (<c>linger.ms</c>). Default 5 ms. A larger one makes fewer, larger
    /// batches; with the embedded (mock) broker, which hands a consumer one batch per partition per fetch, that is what
    /// lets a reader keep up with a steady stream.
    /// </summary>
    public int ProducerLingerMs { get; set; } = 5;

    /// <summary>Stored alerts older than this (by event time) are deleted. Default 90 days.</summary>
    public TimeSpan AlertRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the retention sweep runs. Default 1 hour.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Alert raises and clears waiting for the alert store, which writes them on its own so a slow or unavailable
    /// database does not hold up the Kafka outputs. While the store fails they wait here; when full, the oldest are
    /// dropped from the store (counted in <c>smeai.alerts.store.dropped</c>; they stay on the output topics). Default 10,000.
    /// </summary>
    public int AlertStoreQueueCapacity { get; set; } = 10_000;

    /// <summary>In embedded mode, the newest alerts kept in memory. Default 10,000.</summary>
    public int MemoryStoreCapacity { get; set; } = 10_000;
}
