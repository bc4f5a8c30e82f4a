using Microsoft.Extensions.DependencyInjection;

namespace SmeAi.Streaming.Kafka.Hosting;

/// <summary>The configuration section a provider's options were bound from (named options, per provider), so that validation names the keys a user sets.</summary>
internal sealed class KafkaStreamConfigurationSource
{
    public string? Section { get; set; }

    public static void Register(IServiceCollection services, string provider, string section) =>
        services.AddOptions<KafkaStreamConfigurationSource>(provider).Configure(source => source.Section = section);
}
