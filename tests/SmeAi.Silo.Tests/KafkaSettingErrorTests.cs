using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmeAi.Silo.Kafka;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Silo.Tests;

/// <summary>A bad <c>Kafka:*</c> setting is reported under the key the user sets, so that setting it as told changes something.</summary>
public sealed class KafkaSettingErrorTests
{
    private const string External = "127.0.0.1:1";

    [Theory]
    [InlineData("Kafka:Embedded:DefaultPartitions")]
    [InlineData("Kafka:Embedded:Topics:0:Partitions")]
    public void An_embedded_broker_setting_is_named_as_configured(string setting)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new(setting, "0")]);
        builder.Services.AddKafkaEndpoint(builder.Configuration);
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<EmbeddedKafkaBrokerOptions>>().Value);

        Assert.Contains($"{setting} must be between 1 and 10000 (was 0).", error.Failures);
    }

    [Theory]
    [InlineData("Kafka:MaxBatchSize", "5000", "Kafka:MaxBatchSize (5000) must not exceed Kafka:MaxCachedMessagesPerQueue (1024).")]
    [InlineData("Kafka:GroupId", "", "Kafka:GroupId is required; offsets are committed under it.")]
    [InlineData("Kafka:FetchWaitMaxMs", "0", "Kafka:FetchWaitMaxMs must be positive (was 0).")]
    public void A_provider_setting_is_named_as_configured(string setting, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloKafkaOptions.Resolve(new() { ["Kafka:BootstrapServers"] = External, [setting] = value }));

        Assert.Equal(expected, Assert.Single(error.Failures));
    }
}
