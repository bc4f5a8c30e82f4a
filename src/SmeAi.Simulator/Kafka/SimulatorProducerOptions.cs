namespace SmeAi.Simulator.Kafka;

/// <summary>Settings of <see cref="SimulatorProducer"/>. Bound from <c>Simulator:Producer</c>.</summary>
public sealed class SimulatorProducerOptions
{
    public const string SectionName = "Simulator:Producer";

    /// <summary>Kafka <c>bootstrap.servers</c>. Required.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Target rate, paced by the wall clock; 0 produces as fast as the client accepts. Default 200.</summary>
    public double EventsPerSecond { get; set; } = 200;

    /// <summary>Stop after this many events; null produces the whole stream. Default null.</summary>
    public long? MaxEvents { get; set; }

    /// <summary>Kafka <c>client.id</c>. Default <c>smeai-simulator</c>.</summary>
    public string ClientId { get; set; } = "smeai-simulator";

    /// <summary>Kafka <c>linger.ms</c>: how long the client waits to fill a batch. Default 5.</summary>
    public int LingerMs { get; set; } = 5;

    /// <summary>Kafka <c>message.timeout.ms</c>: a message not acknowledged in this time counts as failed. Default 30 seconds.</summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When a run is cancelled, how long to wait for the events the client still queues to be delivered; what is not
    /// acknowledged by then is logged as not delivered and dropped with the client. Zero only reports. Default 5 seconds.
    /// </summary>
    public TimeSpan CancelFlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Further librdkafka producer settings (e.g. <c>security.protocol</c>), applied last. Default none.</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
