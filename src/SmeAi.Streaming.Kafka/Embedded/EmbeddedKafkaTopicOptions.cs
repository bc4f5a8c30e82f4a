namespace SmeAi.Streaming.Kafka.Embedded;

/// <summary>A topic the embedded broker creates when it starts.</summary>
public sealed class EmbeddedKafkaTopicOptions
{
    /// <summary>Topic name; Kafka's rules apply (ASCII letters, digits, '.', '_', '-'; at most 249 characters).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Partition count; null takes <see cref="EmbeddedKafkaBrokerOptions.DefaultPartitions"/>. Default null.</summary>
    public int? Partitions { get; set; }
}
