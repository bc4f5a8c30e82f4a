using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;
using SmeAi.Silo.Hosting;
using SmeAi.Silo.Privacy;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Hosting;

namespace SmeAi.Silo.Kafka;

/// <summary>Subscribes the silo to the input topics through the Kafka stream provider.</summary>
internal static class InputStreamsSetup
{
    /// <summary>Provider settings an operator may override, e.g. <c>Kafka:GroupId</c> or <c>Kafka:MaxCachedMessagesPerQueue</c>.</summary>
    public const string SectionName = "Kafka";

    /// <summary>
    /// The silo's default for <c>Kafka:MaxCachedMessagesPerQueue</c> (the provider's own is 4,096). With many distinct
    /// machines nearly every cached event belongs to a stream of its own and is delivered at once, so the cache bound is
    /// the number of deliveries (and new activations) in flight: 16 partitions x 4,096 put up to 65,000 grain calls in
    /// flight, and the load test's 100,000 machines peaked at 2.3-2.6 GiB working set; with 1,024, at 2.0-2.2 GiB. The
    /// maximum rate stayed within the noise (22-27k events/s either way); 512 cost about a quarter of it.
    /// </summary>
    public const int MaxCachedMessagesPerQueue = 1_024;

    /// <summary>
    /// The silo's default for <c>Kafka:FetchWaitMaxMs</c> with the embedded broker (the provider's own is 100): the
    /// embedded broker holds every empty fetch for the whole wait, so keep it short.
    /// </summary>
    public const int EmbeddedFetchWaitMaxMs = 10;

    /// <exception cref="SiloStartupException"><c>Kafka:CheckpointDelay</c> or <c>Kafka:DeadLetterTopic</c> is configured: the silo sets both.</exception>
    public static void AddInputStreams(this ISiloBuilder silo)
    {
        RejectFixedSettings(silo.Configuration.GetSection(SectionName));
        silo.AddKafkaStreams(StreamNames.KafkaProvider, configurator =>
        {
            // The silo's defaults come before the configuration, so an operator's setting wins; its fixed settings after.
            configurator.ConfigureKafka(options => options.Configure<KafkaEndpoint>((kafka, endpoint) => ApplyDefaults(kafka, endpoint.IsEmbedded)));
            configurator.BindConfiguration(SectionName);
            configurator.ConfigureKafka(options => options.Configure<KafkaEndpoint, IOptions<EntityGrainOptions>>(
                (kafka, endpoint, entities) => ApplyFixedSettings(kafka, endpoint.BootstrapServers, entities.Value)));
            configurator.UseDataAdapter((services, _) => new ContractEventDataAdapter(services.GetRequiredService<Pseudonymiser>()));
        });
    }

    /// <summary>
    /// Checks the provider's settings as configured before anything starts. Resolving the provider's options needs the
    /// Kafka address, so with the embedded broker it starts the broker, whose start-up lines would come before the error
    /// line; this builds the same options with a stand-in address instead. The provider's own check still runs later.
    /// </summary>
    /// <exception cref="OptionsValidationException">A <c>Kafka:*</c> value is out of range, named by its key.</exception>
    /// <exception cref="InvalidOperationException">A <c>Kafka:*</c> value does not parse.</exception>
    public static void Preflight(IConfiguration configuration, EntityGrainOptions entities)
    {
        var external = KafkaEndpointServiceCollectionExtensions.ExternalBootstrapServers(configuration);
        var options = new KafkaStreamOptions();
        ApplyDefaults(options, embedded: external is null);
        configuration.GetSection(SectionName).Bind(options);
        ApplyFixedSettings(options, external ?? EmbeddedAddressStandIn, entities);

        var result = new KafkaStreamOptionsValidator(requireEventTypes: false, SectionName).Validate(StreamNames.KafkaProvider, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(StreamNames.KafkaProvider, typeof(KafkaStreamOptions), result.Failures);
        }
    }

    // The embedded broker's address is known only once it listens; the check needs just some address.
    private const string EmbeddedAddressStandIn = "127.0.0.1:0";

    private static void ApplyDefaults(KafkaStreamOptions kafka, bool embedded)
    {
        kafka.MaxCachedMessagesPerQueue = MaxCachedMessagesPerQueue;
        if (embedded)
        {
            kafka.FetchWaitMaxMs = EmbeddedFetchWaitMaxMs;
        }
    }

    private static void ApplyFixedSettings(KafkaStreamOptions kafka, string bootstrapServers, EntityGrainOptions entities)
    {
        kafka.BootstrapServers = bootstrapServers;

        // Offsets are committed only after the entity grains have had two chances to write their state.
        kafka.CheckpointDelay = entities.FlushInterval * 2;
        kafka.AddTopic<MachineTelemetry>(TopicNames.MachineTelemetry, StreamNames.MachineTelemetry);
        kafka.AddTopic<CustomerEvent>(TopicNames.CustomerEvents, StreamNames.CustomerEvents);
        kafka.AddTopic<SecurityEvent>(TopicNames.SecurityEvents, StreamNames.SecurityEvents);
        kafka.DeadLetterTopic = TopicNames.DeadLetter;
    }

    // Failing beats a warning here: a configured value that is silently replaced looks applied, and a warning in the
    // start-up log is easily missed; both settings protect guarantees (replay after a lost silo, the contract's topic).
    private static void RejectFixedSettings(IConfigurationSection kafka)
    {
        if (kafka["CheckpointDelay"] is not null)
        {
            throw new SiloStartupException(
                $"{SectionName}:CheckpointDelay cannot be configured: the silo sets it to twice {EntityGrainOptions.SectionName}:FlushInterval, so offsets are committed only after the entity grains had two chances to write their state; change {EntityGrainOptions.SectionName}:FlushInterval instead.");
        }

        if (kafka["DeadLetterTopic"] is not null)
        {
            throw new SiloStartupException(
                $"{SectionName}:DeadLetterTopic cannot be configured: rejected input always goes to the contract's {TopicNames.DeadLetter} topic.");
        }
    }
}
