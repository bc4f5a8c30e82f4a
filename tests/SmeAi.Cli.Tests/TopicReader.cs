using Confluent.Kafka;

namespace SmeAi.Cli.Tests;

/// <summary>Reads a whole topic of the embedded broker, every partition to its end.</summary>
internal static class TopicReader
{
    public static List<ConsumeResult<string, byte[]>> ReadAll(string bootstrap, string topic, int partitions)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "cli-tests-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var results = new List<ConsumeResult<string, byte[]>>();
        var ended = new HashSet<int>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (ended.Count < partitions)
        {
            var result = consumer.Consume(deadline.Token);
            if (result.IsPartitionEOF)
            {
                ended.Add(result.Partition.Value);
            }
            else
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }

    /// <summary>Messages in <paramref name="topics"/> (their partitions' high watermarks), without reading them.</summary>
    public static long Count(string bootstrap, IEnumerable<string> topics, int partitions)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "cli-tests-count" }).Build();
        return topics.Sum(topic => Enumerable.Range(0, partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value));
    }
}
