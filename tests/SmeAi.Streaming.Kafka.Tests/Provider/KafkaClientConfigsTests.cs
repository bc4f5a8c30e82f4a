using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

public sealed class KafkaClientConfigsTests
{
    [Fact]
    public void Dead_letters_give_up_after_the_produce_timeout_not_librdkafkas_five_minutes()
    {
        var defaults = KafkaClientConfigs.Producer(new KafkaStreamOptions { BootstrapServers = "k:9092" }, "p");
        var configured = KafkaClientConfigs.Producer(new KafkaStreamOptions { BootstrapServers = "k:9092", ProduceTimeout = TimeSpan.FromSeconds(5) }, "p");

        Assert.Equal(30_000, defaults.MessageTimeoutMs);
        Assert.Equal(5_000, configured.MessageTimeoutMs);
    }
}
