using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmeAi.Grains.Entities;
using SmeAi.Silo.Hosting;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Privacy;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Silo.Tests;

/// <summary>
/// A bad <c>Kafka:*</c> (librdkafka's own settings too) or <c>Orleans:Membership:*</c> setting is found before the
/// embedded broker starts, so the error line is all the user sees rather than the last of the broker's start-up lines.
/// </summary>
public sealed class ConfigurationPreflightTests
{
    [Theory]
    [InlineData("Kafka:MaxBatchSize", "5000", "Kafka:MaxBatchSize (5000) must not exceed")]
    [InlineData("Kafka:GroupId", "", "Kafka:GroupId is required")]
    [InlineData("Kafka:MaxBatchSize", "lots", "at 'Kafka:MaxBatchSize'")]
    [InlineData("Orleans:Membership:ProbeTimeout", "soon", "at 'Orleans:Membership:ProbeTimeout'")]
    [InlineData("Orleans:Membership:ProbeTimeout", "-00:00:01", "Orleans:Membership:ProbeTimeout (-00:00:01) must be greater than 0")]
    [InlineData("Kafka:ClientSettings:bogus.key", "1", "librdkafka refuses the consumer configuration: No such configuration property: \"bogus.key\"")]
    [InlineData("Kafka:ClientSettings:linger.ms", "abc", "librdkafka refuses the consumer configuration: Invalid value")]
    [InlineData("Kafka:ClientSettings:acks", "1", "librdkafka refuses the producer configuration: `acks` must be set to `all`")]
    public void A_bad_setting_fails_before_the_embedded_broker_starts(string setting, string value, string expected)
    {
        var brokerLog = new RecordingLogger<EmbeddedKafkaBroker>();
        using var host = EmbeddedSilo(new() { [setting] = value }, brokerLog);

        var error = Assert.ThrowsAny<Exception>(() => ConfigurationPreflight.Run(host.Services));

        Assert.Contains(expected, StartupFailure.Describe(error), StringComparison.Ordinal);
        Assert.Empty(brokerLog.Entries);
    }

    [Fact]
    public void Good_settings_pass_and_start_the_embedded_broker()
    {
        var brokerLog = new RecordingLogger<EmbeddedKafkaBroker>();
        using var host = EmbeddedSilo(new() { ["Kafka:MaxBatchSize"] = "500" }, brokerLog);

        ConfigurationPreflight.Run(host.Services);

        Assert.NotEmpty(brokerLog.Entries);
    }

    private static IHost EmbeddedSilo(Dictionary<string, string?> settings, RecordingLogger<EmbeddedKafkaBroker> brokerLog)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<ILogger<EmbeddedKafkaBroker>>(brokerLog);
        builder.Services.AddKafkaEndpoint(builder.Configuration);
        builder.Services.AddOptions<EntityGrainOptions>().BindConfiguration(EntityGrainOptions.SectionName);
        builder.Services.AddPseudonymisation();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(builder.Configuration.GetSection(OrleansSiloSetup.MembershipSection));
            silo.AddInputStreams();
        });
        return builder.Build();
    }
}
