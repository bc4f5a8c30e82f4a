using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Provider;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// Every counter exists at 0 for each topic (and dead-letter kind) once the provider starts, before the first event of
/// its kind: an alert on an absent series would fire, and rate() would have no baseline, until then.
/// </summary>
public sealed class KafkaZeroCountTests
{
    private static readonly string[] Topics = ["zero-a", "zero-b"];

    [Fact]
    public async Task Each_counter_is_reported_at_zero_per_topic_when_the_provider_starts()
    {
        const string provider = "zero-counts";
        using var counters = new KafkaCounterListener();
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new() { Name = Topics[0], Partitions = 1 }, new() { Name = Topics[1], Partitions = 1 }, new() { Name = TestTopics.DeadLetter, Partitions = 1 } },
        });
        var options = new KafkaStreamOptions();
        TestTopics.Configure(options, broker.BootstrapServers, provider);
        options.AddTopic<TestEvent>(Topics[0]).AddTopic<TestEvent>(Topics[1]);
        using var factory = new KafkaQueueAdapterFactory(
            provider, options, new KafkaJsonDataAdapter(options, new ServiceCollection().BuildServiceProvider()), NullLoggerFactory.Instance, meterFactory: null);

        await factory.CreateAdapter(CancellationToken.None);

        foreach (var topic in Topics)
        {
            foreach (var counter in new[] { "smeai.kafka.events.read", "smeai.kafka.events.delivered", "smeai.kafka.events.lost" })
            {
                Assert.True(counters.Reported(counter, ("provider", provider), ("topic", topic)), $"{counter} for {topic}");
            }

            foreach (var kind in new[] { KafkaDeadLetterHeaders.KindRejected, KafkaDeadLetterHeaders.KindDeliveryFailed })
            {
                Assert.True(counters.Reported("smeai.kafka.events.deadlettered", ("provider", provider), ("topic", topic), ("kind", kind)), $"{kind} for {topic}");
            }
        }

        Assert.False(counters.Reported("smeai.kafka.events.read", ("provider", provider), ("topic", TestTopics.DeadLetter)));
        Assert.Equal(0, counters.Total("smeai.kafka.events.read", ("provider", provider)));
    }
}
