using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.IntegrationTests;

/// <summary>Reads records of an output topic from the beginning, as any outside consumer of the output topics would.</summary>
internal static class TopicReader
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(2);

    public static List<T> ReadByKey<T>(string bootstrap, string topic, string key, Func<List<T>, bool> enough, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = $"test-{topic}-{key}-{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest, FetchWaitMaxMs = 10,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<T>();
        var deadline = DateTime.UtcNow + timeout;
        while (!enough(records) && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message?.Key == key && JsonSerializer.Deserialize<T>(result.Message.Value, EventJson.Options) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>
    /// Every record of <paramref name="topic"/>: each partition is read from its beginning up to the end it had when
    /// the call started, then on until no new record came for <paramref name="idle"/>, for outputs still on their way.
    /// Reading to the partitions' ends (not only until a quiet spell) keeps a slow fetch from cutting the read short.
    /// With <paramref name="key"/>, only that key's records are kept and only they count as activity, so other entities'
    /// steady outputs (the embedded simulator's) cannot keep the read from ending.
    /// </summary>
    public static List<T> ReadAll<T>(string bootstrap, string topic, TimeSpan idle, string? key = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = $"test-{topic}-{Guid.NewGuid():N}", EnableAutoCommit = false, FetchWaitMaxMs = 10,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        var ends = PartitionEnds(consumer, bootstrap, topic);
        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<T>();
        var behind = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        var lastRecord = DateTime.UtcNow;
        var deadline = DateTime.UtcNow + ReadTimeout;
        while (behind.Count > 0 || DateTime.UtcNow - lastRecord < idle)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Reading {topic}: partitions {string.Join(", ", behind)} did not reach their end within {ReadTimeout}.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is null)
            {
                continue;
            }

            if (result.Offset.Value + 1 >= ends[result.Partition.Value])
            {
                behind.Remove(result.Partition.Value);
            }

            if (key is not null && result.Message.Key != key)
            {
                continue;
            }

            lastRecord = DateTime.UtcNow;
            if (result.Message.Value is { } value && JsonSerializer.Deserialize<T>(value, EventJson.Options) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static Dictionary<int, long> PartitionEnds(IConsumer<string, byte[]> consumer, string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        return partitions.ToDictionary(
            p => p.PartitionId,
            p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
    }
}
