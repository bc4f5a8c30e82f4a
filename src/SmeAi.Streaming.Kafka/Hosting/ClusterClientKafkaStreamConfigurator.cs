using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Hosting;

/// <summary>Configures the Kafka stream provider on a cluster client, which produces to the topics.</summary>
public sealed class ClusterClientKafkaStreamConfigurator : ClusterClientPersistentStreamConfigurator
{
    public ClusterClientKafkaStreamConfigurator(string name, IClientBuilder builder)
        : base(name, builder, KafkaQueueAdapterFactory.Create)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureServices(services =>
        {
            services.ConfigureNamedOptionForLogging<KafkaStreamOptions>(name);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaStreamOptions>, KafkaStreamOptionsValidatorSelector>());
        });
        this.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
    }

    public ClusterClientKafkaStreamConfigurator ConfigureKafka(Action<OptionsBuilder<KafkaStreamOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }

    /// <summary>
    /// Binds this provider's options from configuration section <paramref name="configSectionPath"/> (e.g. <c>Kafka</c>),
    /// in order with the other <c>ConfigureKafka</c> calls; validation then names each problem by its key there, e.g.
    /// <c>Kafka:MaxBatchSize</c>.
    /// </summary>
    public ClusterClientKafkaStreamConfigurator BindConfiguration(string configSectionPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        this.Configure<KafkaStreamOptions>(options => options.BindConfiguration(configSectionPath));
        ConfigureDelegate(services => KafkaStreamConfigurationSource.Register(services, Name, configSectionPath));
        return this;
    }

    /// <summary>Replaces the JSON data adapter of this provider.</summary>
    public ClusterClientKafkaStreamConfigurator UseDataAdapter(Func<IServiceProvider, string, IKafkaDataAdapter> factory)
    {
        this.ConfigureComponent(factory);
        return this;
    }
}
