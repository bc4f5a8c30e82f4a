using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>Events from an outside producer reach the grain of their key, complete and in order.</summary>
public sealed class KafkaDeliveryTests
{
    [Fact]
    public async Task Hundred_thousand_events_for_a_thousand_keys_reach_their_grains_in_per_key_order()
    {
        const string topic = "delivery-events";
        const int keys = 1_000, perKey = 100;
        TestLedger.Clear();
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = topic, Partitions = 16 }, new EmbeddedKafkaTopicOptions { Name = TestTopics.DeadLetter, Partitions = 1 } },
        });
        await using var cluster = await KafkaTestCluster.StartAsync(2, options =>
        {
            TestTopics.Configure(options, broker.BootstrapServers, "delivery");
            options.AddTopic<TestEvent>(topic, TestNamespaces.Events);
        });

        var produced = TestTopics.ProduceInterleaved(broker.BootstrapServers, topic, keys, perKey);

        Poll.Until(() => TestLedger.DistinctCount() >= keys * perKey, "every event reached a grain", TimeSpan.FromMinutes(2));
        foreach (var (key, seqs) in produced)
        {
            Assert.Equal(seqs, TestLedger.Deduped(key).Select(r => r.Seq));
            Assert.Single(TestLedger.Of(key).Select(r => r.Partition).Distinct());
        }
    }
}
