using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// The provider's producer (dead letters, events produced to streams) is built when the provider starts: a setting
/// librdkafka refuses for a producer only (consumers take it) stops the start instead of failing every dead letter.
/// </summary>
public sealed class KafkaProducerStartTests
{
    [Theory]
    [InlineData("acks", "1")]
    [InlineData("max.in.flight.requests.per.connection", "10")]
    public async Task A_client_setting_the_idempotent_producer_refuses_fails_the_provider_start(string setting, string value)
    {
        const string provider = "producer-start";
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new() { Name = ReceiverHarness.Topic, Partitions = 1 }, new() { Name = TestTopics.DeadLetter, Partitions = 1 } },
        });
        var options = new KafkaStreamOptions();
        TestTopics.Configure(options, broker.BootstrapServers, provider);
        options.AddTopic<TestEvent>(ReceiverHarness.Topic);
        options.ClientSettings[setting] = value;
        using var factory = new KafkaQueueAdapterFactory(
            provider, options, new KafkaJsonDataAdapter(options, new ServiceCollection().BuildServiceProvider()), NullLoggerFactory.Instance, meterFactory: null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.CreateAdapter(CancellationToken.None));

        Assert.Contains($"Kafka stream provider '{provider}' cannot create its producer", error.Message, StringComparison.Ordinal);
    }
}
