using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Silo.Kafka;

/// <summary>
/// The Kafka cluster this silo talks to: the one named by <c>Kafka:BootstrapServers</c>, or an
/// embedded broker started in this process (with every topic of the contract) when none is named.
/// </summary>
internal sealed class KafkaEndpoint : IDisposable
{
    private readonly EmbeddedKafkaBroker? _embedded;

    private KafkaEndpoint(string bootstrapServers, EmbeddedKafkaBroker? embedded)
    {
        BootstrapServers = bootstrapServers;
        _embedded = embedded;
    }

    public string BootstrapServers { get; }

    public bool IsEmbedded => _embedded is not null;

    public static KafkaEndpoint External(string bootstrapServers) => new(bootstrapServers, null);

    public static KafkaEndpoint StartEmbedded(EmbeddedKafkaBrokerOptions options, ILogger<EmbeddedKafkaBroker> logger)
    {
        var broker = new EmbeddedKafkaBroker(options, logger);
        return new KafkaEndpoint(broker.BootstrapServers, broker);
    }

    public void Dispose() => _embedded?.Dispose();
}

internal static class KafkaEndpointServiceCollectionExtensions
{
    public const string BootstrapServersSetting = "Kafka:BootstrapServers";
    public const string EmbeddedSection = "Kafka:Embedded";

    public static IServiceCollection AddKafkaEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddedKafkaBrokerOptions>()
            .BindConfiguration(EmbeddedSection)
            .PostConfigure(options =>
            {
                // The embedded broker always carries the platform's topics; configuration may add more or change partitions.
                foreach (var topic in TopicNames.Inputs.Concat(TopicNames.Outputs))
                {
                    if (!options.Topics.Any(t => t.Name == topic))
                    {
                        options.Topics.Add(new EmbeddedKafkaTopicOptions { Name = topic });
                    }
                }
            });
        services.AddSingleton<IValidateOptions<EmbeddedKafkaBrokerOptions>>(new EmbeddedKafkaBrokerOptionsValidator(EmbeddedSection));
        services.AddSingleton(provider =>
        {
            var external = ExternalBootstrapServers(configuration);
            return external is null
                ? KafkaEndpoint.StartEmbedded(
                    provider.GetRequiredService<IOptions<EmbeddedKafkaBrokerOptions>>().Value,
                    provider.GetRequiredService<ILogger<EmbeddedKafkaBroker>>())
                : KafkaEndpoint.External(external);
        });
        services.AddSingleton<ConsumerLagReader>();
        return services;
    }

    /// <summary><c>Kafka:BootstrapServers</c>, or null when none is named and the silo starts the embedded broker.</summary>
    public static string? ExternalBootstrapServers(IConfiguration configuration)
    {
        var external = configuration[BootstrapServersSetting];
        return string.IsNullOrWhiteSpace(external) ? null : external;
    }
}
