namespace SmeAi.Streaming.Kafka.Embedded;

/// <summary>
/// Settings of the in-process Kafka broker used in embedded mode; the host binds them from a section of its choice and
/// names it to <see cref="EmbeddedKafkaBrokerOptionsValidator"/>.
/// </summary>
/// <remarks>
/// The broker is librdkafka's mock cluster: data lives in memory only, and each partition keeps at most
/// 5 MiB or 100,000 produced batches, dropping the oldest beyond that as retention would.
/// </remarks>
public sealed class EmbeddedKafkaBrokerOptions
{
    /// <summary>Upper bound on partitions per topic; every partition is an in-memory log of up to 5 MiB.</summary>
    public const int MaxPartitions = 10_000;

    /// <summary>Number of brokers in the cluster, each on its own loopback port. Default 1.</summary>
    public int BrokerCount { get; set; } = 1;

    /// <summary>Partitions of a listed topic that does not set its own count. Default 16.</summary>
    public int DefaultPartitions { get; set; } = 16;

    /// <summary>Topics created at start, before any client can connect. Default none.</summary>
    public IList<EmbeddedKafkaTopicOptions> Topics { get; } = [];

    /// <summary>The partition count <paramref name="topic"/> gets.</summary>
    internal int PartitionsOf(EmbeddedKafkaTopicOptions topic) => topic.Partitions ?? DefaultPartitions;
}
