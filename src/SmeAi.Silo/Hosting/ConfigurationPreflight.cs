using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SmeAi.Abstractions;
using SmeAi.Grains.Entities;
using SmeAi.Silo.Kafka;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Silo.Hosting;

/// <summary>
/// Binds and validates the options the silo reads at start before anything starts. Checked by the host itself, a bad
/// value is found only after Orleans started (and must stop again), and the host logs it with its stack trace first.
/// </summary>
internal static class ConfigurationPreflight
{
    public static void Run(IServiceProvider services)
    {
        // Every option registered with ValidateOnStart: Outputs, Training, Alerts, Privacy, Simulator, Silo.
        services.GetService<IStartupValidator>()?.Validate();

        // Bound without ValidateOnStart: Kafka:* (with Entities:* for the checkpoint delay, and Kafka:ClientSettings as
        // librdkafka reads them) and Orleans:Membership:*, whose values Orleans' own validators check only as the silo
        // starts (a negative ProbeTimeout). All before the provider's options, whose resolution starts the embedded
        // broker: its start-up lines would come before the error line.
        var entities = services.GetRequiredService<IOptions<EntityGrainOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        // The provider's validator lets librdkafka judge Kafka:ClientSettings for its consumers and its (idempotent)
        // producer, whose settings the output producer shares.
        InputStreamsSetup.Preflight(services.GetRequiredService<IConfiguration>(), entities);
        foreach (var validator in services.GetServices<IConfigurationValidator>())
        {
            validator.ValidateConfiguration();
        }

        _ = services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(StreamNames.KafkaProvider);
    }
}
