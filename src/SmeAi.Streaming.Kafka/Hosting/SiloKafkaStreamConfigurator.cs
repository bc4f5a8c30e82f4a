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

/// <summary>
/// Configures the Kafka stream provider on a silo. Sets defaults suited to it: implicit-only pub/sub, the pulling
/// agent polling every <see cref="KafkaStreamOptions.PollPeriod"/>, delivery retried for
/// <see cref="KafkaStreamOptions.DeliveryTimeout"/>, one container per delivery.
/// </summary>
public sealed class SiloKafkaStreamConfigurator : SiloPersistentStreamConfigurator
{
    public SiloKafkaStreamConfigurator(string name, Action<Action<IServiceCollection>> configureServicesDelegate)
        : base(name, configureServicesDelegate, KafkaQueueAdapterFactory.Create)
    {
        ConfigureDelegate(services =>
        {
            services.ConfigureNamedOptionForLogging<KafkaStreamOptions>(name);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaStreamOptions>, KafkaStreamOptionsValidatorSelector>());
            services.AddOptions<StreamPullingAgentOptions>(name).Configure<IOptionsMonitor<KafkaStreamOptions>>((agent, kafka) =>
            {
                var options = kafka.Get(name);
                agent.GetQueueMsgsTimerPeriod = options.PollPeriod;
                agent.MaxEventDeliveryTime = options.DeliveryTimeout;
                agent.BatchContainerBatchSize = 1;
            });
        });
        this.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
    }

    public SiloKafkaStreamConfigurator ConfigureKafka(Action<OptionsBuilder<KafkaStreamOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }

    /// <summary>
    /// Binds this provider's options from configuration section <paramref name="configSectionPath"/> (e.g. <c>Kafka</c>),
    /// in order with the other <c>ConfigureKafka</c> calls; validation then names each problem by its key there, e.g.
    /// <c>Kafka:MaxBatchSize</c>.
    /// </summary>
    public SiloKafkaStreamConfigurator BindConfiguration(string configSectionPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        this.Configure<KafkaStreamOptions>(options => options.BindConfiguration(configSectionPath));
        ConfigureDelegate(services => KafkaStreamConfigurationSource.Register(services, Name, configSectionPath));
        return this;
    }

    /// <summary>Replaces the JSON data adapter of this provider.</summary>
    public SiloKafkaStreamConfigurator UseDataAdapter(Func<IServiceProvider, string, IKafkaDataAdapter> factory)
    {
        this.ConfigureComponent(factory);
        return this;
    }
}
