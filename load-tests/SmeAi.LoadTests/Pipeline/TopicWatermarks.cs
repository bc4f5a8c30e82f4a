using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.LoadTests.Kafka;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>High watermarks of <c>machine-telemetry</c>: the offsets a phase produced are those between two readings.</summary>
internal static class TopicWatermarks
{
    public static long[] High(string bootstrapServers, int partitions)
    {
        using var consumer = KafkaClientFactory.Consumer(bootstrapServers, $"loadtest-watermarks-{Guid.NewGuid():N}");
        return [.. Enumerable.Range(0, partitions).Select(p =>
            consumer.QueryWatermarkOffsets(new TopicPartition(TopicNames.MachineTelemetry, p), TimeSpan.FromSeconds(10)).High.Value)];
    }
}
