using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>Producing test events and the provider settings the tests share.</summary>
internal static class TestTopics
{
    public const string DeadLetter = KafkaStreamOptions.DefaultDeadLetterTopic;

    public static void Configure(KafkaStreamOptions options, string bootstrapServers, string groupId)
    {
        options.BootstrapServers = bootstrapServers;
        options.GroupId = groupId;
        options.FetchWaitMaxMs = 10; // the mock broker holds empty fetches for the full wait
        options.CommitIntervalMs = 200;
    }

    public static string Json(string key, int seq) => JsonSerializer.Serialize(new TestEvent(key, seq), JsonSerializerOptions.Web);

    /// <summary>Produces <paramref name="perKey"/> events for each key, interleaving keys, with seq counting from <paramref name="firstSeq"/>.</summary>
    public static Dictionary<string, List<int>> ProduceInterleaved(string bootstrapServers, string topic, int keys, int perKey, int firstSeq = 0)
    {
        using var producer = KafkaClients.Producer(bootstrapServers);
        var produced = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var messages = new List<(string Key, string Value)>(keys * perKey);
        for (var seq = firstSeq; seq < firstSeq + perKey; seq++)
        {
            for (var k = 0; k < keys; k++)
            {
                var key = $"k-{k}";
                messages.Add((key, Json(key, seq)));
                if (!produced.TryGetValue(key, out var list))
                {
                    produced[key] = list = [];
                }

                list.Add(seq);
            }
        }

        KafkaClients.ProduceAll(producer, topic, messages);
        return produced;
    }

    public static IConsumer<string, string> DeadLetterConsumer(string bootstrapServers)
    {
        var consumer = KafkaClients.Consumer(bootstrapServers, $"dlq-reader-{Guid.NewGuid():N}");
        consumer.Assign(new TopicPartitionOffset(DeadLetter, 0, Offset.Beginning));
        return consumer;
    }

    public static Dictionary<int, long> CommittedOffsets(string bootstrapServers, string groupId, string topic, int partitions)
    {
        using var consumer = KafkaClients.Consumer(bootstrapServers, groupId);
        return consumer.Committed(KafkaClients.Partitions(topic, partitions), Poll.DefaultTimeout)
            .ToDictionary(tpo => tpo.Partition.Value, tpo => tpo.Offset.Value);
    }
}
