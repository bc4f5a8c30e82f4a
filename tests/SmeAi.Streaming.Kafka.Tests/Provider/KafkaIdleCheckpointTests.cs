using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// A checkpoint held back by <c>CheckpointDelay</c> reaches Kafka once the partitions go quiet, without waiting for
/// the next event: the group's committed offsets (what consumer lag is measured against) end at the topic's end.
/// </summary>
public sealed class KafkaIdleCheckpointTests
{
    private const string Topic = "idle-checkpoint-events";
    private const string GroupId = "idle-checkpoint";
    private const int Partitions = 4;

    [Fact]
    public async Task Quiet_partitions_commit_every_delivered_offset_once_the_checkpoint_delay_passed()
    {
        const int keys = 40, perKey = 10;
        TestLedger.Clear();
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = Topic, Partitions = Partitions }, new EmbeddedKafkaTopicOptions { Name = TestTopics.DeadLetter, Partitions = 1 } },
        });
        await using var cluster = await KafkaTestCluster.StartAsync(1, options =>
        {
            TestTopics.Configure(options, broker.BootstrapServers, GroupId);
            options.CheckpointDelay = TimeSpan.FromSeconds(1);
            options.AddTopic<TestEvent>(Topic, TestNamespaces.Events);
        });

        TestTopics.ProduceInterleaved(broker.BootstrapServers, Topic, keys, perKey);
        Poll.Until(() => TestLedger.DistinctCount() >= keys * perKey, "every event arrived");
        var ends = EndOffsets(broker.BootstrapServers);
        Assert.Equal(keys * perKey, ends.Values.Sum());

        // No event follows: before idle reads stored it, the last delivered stretch of each partition stayed uncommitted.
        Dictionary<int, long> committed = [];
        Poll.Until(
            () => (committed = TestTopics.CommittedOffsets(broker.BootstrapServers, GroupId, Topic, Partitions)).All(c => c.Value == ends[c.Key]),
            "every partition's committed offset reached its end");
        Assert.Equal(ends, committed);
    }

    private static Dictionary<int, long> EndOffsets(string bootstrapServers)
    {
        using var consumer = KafkaClients.Consumer(bootstrapServers, $"ends-{Guid.NewGuid():N}");
        return KafkaClients.Partitions(Topic, Partitions).ToDictionary(
            tp => tp.Partition.Value,
            tp => consumer.QueryWatermarkOffsets(tp, Poll.DefaultTimeout).High.Value);
    }
}
