using Confluent.Kafka;

namespace SmeAi.LoadTests.Kafka;

/// <summary>Plain Confluent.Kafka clients of the load tests, with the settings the embedded broker needs.</summary>
internal static class KafkaClientFactory
{
    /// <summary>The embedded (mock) broker holds a fetch that finds no data for the whole wait, so keep it short.</summary>
    public const int FetchWaitMaxMs = 10;

    /// <param name="lingerMs">Batching delay: a few ms for bulk loads, 1 ms or less when latency is measured.</param>
    public static IProducer<string, byte[]> Producer(string bootstrapServers, int lingerMs) =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "smeai-loadtests-producer",
            LingerMs = lingerMs,
            Acks = Acks.Leader,
        }).SetLogHandler((_, _) => { }).Build();

    /// <summary>A consumer that reads assigned partitions without committing (no group rebalancing).</summary>
    public static IConsumer<string, byte[]> Consumer(string bootstrapServers, string groupId) =>
        new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            ClientId = "smeai-loadtests-consumer",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            FetchWaitMaxMs = FetchWaitMaxMs,
        }).SetLogHandler((_, _) => { }).Build();

    public static IEnumerable<TopicPartitionOffset> FromBeginning(string topic, int partitions) =>
        Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning));
}
