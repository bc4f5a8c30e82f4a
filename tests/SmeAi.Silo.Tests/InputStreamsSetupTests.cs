using SmeAi.Silo.Hosting;
using SmeAi.Silo.Kafka;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Silo.Tests;

/// <summary>The silo's Kafka provider settings: its own defaults, and an operator's <c>Kafka:*</c> settings over them.</summary>
public sealed class InputStreamsSetupTests
{
    private const string External = "127.0.0.1:1";

    [Theory]
    [InlineData(null, null, InputStreamsSetup.EmbeddedFetchWaitMaxMs)]
    [InlineData(null, "250", 250)]
    [InlineData(External, null, 100)]
    [InlineData(External, "250", 250)]
    public void Fetch_wait_is_short_for_the_embedded_broker_unless_configured(string? bootstrapServers, string? configured, int expected)
    {
        var options = ProviderOptions(new() { ["Kafka:BootstrapServers"] = bootstrapServers, ["Kafka:FetchWaitMaxMs"] = configured });

        Assert.Equal(expected, options.FetchWaitMaxMs);
    }

    [Fact]
    public void A_configured_cache_bound_wins_over_the_silo_default()
    {
        Assert.Equal(InputStreamsSetup.MaxCachedMessagesPerQueue, ProviderOptions(new()).MaxCachedMessagesPerQueue);
        Assert.Equal(2_048, ProviderOptions(new() { ["Kafka:MaxCachedMessagesPerQueue"] = "2048" }).MaxCachedMessagesPerQueue);
    }

    [Theory]
    [InlineData("Kafka:CheckpointDelay", "00:00:30", "twice Entities:FlushInterval")]
    [InlineData("Kafka:DeadLetterTopic", "my-deadletter", "smeai-deadletter")]
    public void A_setting_the_silo_decides_fails_the_start_with_the_reason(string setting, string value, string reason)
    {
        var error = Assert.Throws<SiloStartupException>(() => ProviderOptions(new() { [setting] = value }));

        Assert.StartsWith($"{setting} cannot be configured", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checkpoint_delay_follows_the_entity_flush_interval()
    {
        var options = ProviderOptions(new() { ["Kafka:BootstrapServers"] = External, ["Entities:FlushInterval"] = "00:00:07" });

        Assert.Equal(TimeSpan.FromSeconds(14), options.CheckpointDelay);
    }

    private static KafkaStreamOptions ProviderOptions(Dictionary<string, string?> settings) => SiloKafkaOptions.Resolve(settings);
}
