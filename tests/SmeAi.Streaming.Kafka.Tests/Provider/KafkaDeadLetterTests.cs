using System.Text;
using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Provider;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>Bad input goes to the dead-letter topic with its reason while the partition keeps flowing, and the counters show it.</summary>
public sealed class KafkaDeadLetterTests
{
    private const string DeadLetteredCounter = "smeai.kafka.events.deadlettered";

    [Fact]
    public async Task Poison_messages_land_in_the_dead_letter_topic_with_reason_headers_and_the_rest_flows()
    {
        const string topic = "poison-events";
        TestLedger.Clear();
        using var counters = new KafkaCounterListener();
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = topic, Partitions = 1 }, new EmbeddedKafkaTopicOptions { Name = TestTopics.DeadLetter, Partitions = 1 } },
        });
        await using var cluster = await KafkaTestCluster.StartAsync(1, options =>
        {
            TestTopics.Configure(options, broker.BootstrapServers, "poison");
            options.AddTopic<TestEvent>(topic, TestNamespaces.Events);
        });

        // One partition: good events before, between and after the poison, in one ordered log.
        var messages = new List<(string Key, string Value)>();
        for (var seq = 0; seq < 30; seq++)
        {
            messages.Add(("good", TestTopics.Json("good", seq)));
            if (seq == 10)
            {
                messages.Add(("bad", "{not json"));
                messages.Add(("bad", TestTopics.Json("bad", -1)));
            }
        }

        using (var producer = KafkaClients.Producer(broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, topic, messages);
        }

        Poll.Until(() => TestLedger.Of("good").Count >= 30, "the good events arrived");
        Assert.Equal(Enumerable.Range(0, 30), TestLedger.Deduped("good").Select(r => r.Seq));
        Assert.Empty(TestLedger.Of("bad"));

        using var deadLetters = TestTopics.DeadLetterConsumer(broker.BootstrapServers);
        var letters = KafkaClients.ConsumeExactly(deadLetters, 2);
        Assert.All(letters, letter =>
        {
            Assert.Equal("bad", letter.Message.Key);
            Assert.Equal(topic, Header(letter, KafkaDeadLetterHeaders.SourceTopic));
            Assert.Equal("0", Header(letter, KafkaDeadLetterHeaders.SourcePartition));
            Assert.Equal(KafkaDeadLetterHeaders.KindRejected, Header(letter, KafkaDeadLetterHeaders.Kind));
        });
        Assert.Equal(["11", "12"], letters.Select(l => Header(l, KafkaDeadLetterHeaders.SourceOffset)).Order());
        Assert.Contains(letters, l => Header(l, KafkaDeadLetterHeaders.Reason).StartsWith("invalid JSON", StringComparison.Ordinal));
        Assert.Contains(letters, l => Header(l, KafkaDeadLetterHeaders.Reason) == "validation failed: seq -1 is negative");
        Assert.Contains("{not json", letters.Select(l => l.Message.Value));

        // The counter rises by exactly the malformed events (it is added once Kafka took each letter).
        Poll.Until(() => RejectedCount(counters, topic) >= 2, "both rejects were counted");
        Assert.Equal(2, RejectedCount(counters, topic));
        Assert.Equal(0, counters.Total(DeadLetteredCounter, ("topic", topic), ("kind", KafkaDeadLetterHeaders.KindDeliveryFailed)));
    }

    private static long RejectedCount(KafkaCounterListener counters, string topic) =>
        counters.Total(DeadLetteredCounter, ("provider", KafkaTestCluster.ProviderName), ("topic", topic), ("kind", KafkaDeadLetterHeaders.KindRejected));

    private static string Header(ConsumeResult<string, string> result, string name) =>
        Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(name));
}
