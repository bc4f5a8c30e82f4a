using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Grains.Entities;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Privacy;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Silo.Tests;

/// <summary>The Kafka provider's options as the silo resolves them from configuration.</summary>
internal static class SiloKafkaOptions
{
    /// <summary>Without <c>Kafka:BootstrapServers</c> this starts the embedded broker; a null value means not configured.</summary>
    public static KafkaStreamOptions Resolve(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Where(setting => setting.Value is not null));
        builder.Services.AddKafkaEndpoint(builder.Configuration);
        builder.Services.AddOptions<EntityGrainOptions>().BindConfiguration(EntityGrainOptions.SectionName);
        builder.Services.AddPseudonymisation(); // validating the options builds the provider's data adapter
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddInputStreams();
        });
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(StreamNames.KafkaProvider);
    }
}
