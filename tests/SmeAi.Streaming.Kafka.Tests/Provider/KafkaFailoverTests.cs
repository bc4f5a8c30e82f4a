using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>At-least-once across silo stops and cluster restarts, exact once grains dedupe by (partition, offset).</summary>
public sealed class KafkaFailoverTests
{
    private const int Partitions = 16;

    [Fact]
    public async Task Stopping_a_silo_midway_loses_nothing_and_dedupe_leaves_exactly_the_produced_events()
    {
        const string topic = "failover-events";
        const int keys = 200, perKey = 50;
        TestLedger.Clear();
        using var broker = Broker(topic);
        await using var cluster = await KafkaTestCluster.StartAsync(3, options =>
        {
            TestTopics.Configure(options, broker.BootstrapServers, "failover");
            options.AddTopic<TestEvent>(topic, TestNamespaces.Events);
        });

        var produced = TestTopics.ProduceInterleaved(broker.BootstrapServers, topic, keys, perKey);
        Poll.Until(() => TestLedger.Total >= keys * perKey / 4, "a quarter of the events arrived");
        await cluster.StopSiloAsync(2);
        var more = TestTopics.ProduceInterleaved(broker.BootstrapServers, topic, keys, perKey, firstSeq: perKey);

        Poll.Until(() => TestLedger.DistinctCount() >= keys * perKey * 2, "every event arrived after the silo stopped", TimeSpan.FromMinutes(2));
        foreach (var (key, seqs) in produced)
        {
            Assert.Equal(seqs.Concat(more[key]), TestLedger.Deduped(key).Select(r => r.Seq));
        }
    }

    [Fact]
    public async Task A_new_cluster_resumes_from_the_checkpoint_and_replays_at_most_the_uncheckpointed_tail()
    {
        const string topic = "restart-events";
        const int keys = 100, perKey = 20;
        TestLedger.Clear();
        using var broker = Broker(topic);
        void Configure(KafkaStreamOptions options)
        {
            TestTopics.Configure(options, broker.BootstrapServers, "restart");
            options.AddTopic<TestEvent>(topic, TestNamespaces.BatchEvents);
        }

        var first = TestTopics.ProduceInterleaved(broker.BootstrapServers, topic, keys, perKey);
        await using (var cluster = await KafkaTestCluster.StartAsync(1, Configure))
        {
            Poll.Until(() => TestLedger.DistinctCount() >= keys * perKey, "the first run received every event");
        }

        var committed = TestTopics.CommittedOffsets(broker.BootstrapServers, "restart", topic, Partitions);
        Assert.All(committed.Values, offset => Assert.True(offset >= 0, "every partition has a checkpoint"));
        var firstRun = keys.Range().ToDictionary(key => key, key => TestLedger.Of(key).Count);
        var second = TestTopics.ProduceInterleaved(broker.BootstrapServers, topic, keys, perKey, firstSeq: perKey);

        await using (var cluster = await KafkaTestCluster.StartAsync(2, Configure))
        {
            Poll.Until(() => TestLedger.DistinctCount() >= keys * perKey * 2, "the second run received the new events");
        }

        foreach (var key in first.Keys)
        {
            var replayed = TestLedger.Of(key).Skip(firstRun[key]).ToList();
            Assert.All(replayed, r => Assert.True(r.Offset >= committed[r.Partition], $"offset {r.Offset} of partition {r.Partition} was checkpointed at {committed[r.Partition]}, yet replayed"));
            Assert.Equal(first[key].Concat(second[key]), TestLedger.Deduped(key).Select(r => r.Seq));
        }
    }

    private static EmbeddedKafkaBroker Broker(string topic) => new(new EmbeddedKafkaBrokerOptions
    {
        Topics = { new EmbeddedKafkaTopicOptions { Name = topic, Partitions = Partitions }, new EmbeddedKafkaTopicOptions { Name = TestTopics.DeadLetter, Partitions = 1 } },
    });
}

internal static class KeyRange
{
    public static IEnumerable<string> Range(this int keys) => Enumerable.Range(0, keys).Select(k => $"k-{k}");
}
