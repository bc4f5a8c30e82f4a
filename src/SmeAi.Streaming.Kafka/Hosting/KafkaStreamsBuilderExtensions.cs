using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Hosting;

/// <summary><c>AddKafkaStreams</c> for silos and cluster clients.</summary>
public static class KafkaStreamsBuilderExtensions
{
    /// <summary>Adds the Kafka persistent stream provider <paramref name="name"/> to the silo.</summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<KafkaStreamOptions> configureOptions) =>
        builder.AddKafkaStreams(name, configurator => configurator.ConfigureKafka(ob => ob.Configure(configureOptions)));

    /// <summary>Adds the Kafka persistent stream provider <paramref name="name"/> to the silo, configured through its configurator.</summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<SiloKafkaStreamConfigurator>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configurator = new SiloKafkaStreamConfigurator(name, configureServices => builder.ConfigureServices(configureServices));
        configure?.Invoke(configurator);
        return builder;
    }

    /// <summary>Adds the Kafka persistent stream provider <paramref name="name"/> to the client (to produce events).</summary>
    public static IClientBuilder AddKafkaStreams(this IClientBuilder builder, string name, Action<KafkaStreamOptions> configureOptions) =>
        builder.AddKafkaStreams(name, configurator => configurator.ConfigureKafka(ob => ob.Configure(configureOptions)));

    /// <summary>Adds the Kafka persistent stream provider <paramref name="name"/> to the client, configured through its configurator.</summary>
    public static IClientBuilder AddKafkaStreams(this IClientBuilder builder, string name, Action<ClusterClientKafkaStreamConfigurator>? configure)
    {
        var configurator = new ClusterClientKafkaStreamConfigurator(name, builder);
        configure?.Invoke(configurator);
        return builder;
    }

    /// <summary>Registers a validator the JSON data adapter applies to every event of type <typeparamref name="TEvent"/>.</summary>
    public static IServiceCollection AddKafkaEventValidator<TEvent>(this IServiceCollection services, Func<TEvent, string?> validate) =>
        services.AddSingleton<Data.IKafkaEventValidator<TEvent>>(new Data.DelegateKafkaEventValidator<TEvent>(validate));

    /// <summary>Registers a validator class the JSON data adapter applies to every event of type <typeparamref name="TEvent"/>.</summary>
    public static IServiceCollection AddKafkaEventValidator<TEvent, TValidator>(this IServiceCollection services)
        where TValidator : class, Data.IKafkaEventValidator<TEvent> =>
        services.AddSingleton<Data.IKafkaEventValidator<TEvent>, TValidator>();
}
