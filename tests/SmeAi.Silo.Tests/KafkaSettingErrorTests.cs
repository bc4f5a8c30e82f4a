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
}
