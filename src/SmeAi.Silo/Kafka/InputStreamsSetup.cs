using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;
using SmeAi.Silo.Privacy;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Hosting;

namespace SmeAi.Silo.Kafka;

/// <summary>Subscribes the silo to the input topics through the Kafka stream provider.</summary>
internal static class InputStreamsSetup
{
    /// <summary>Provider settings an operator may override, e.g. <c>Kafka:GroupId</c> or <c>Kafka:MaxCachedMessagesPerQueue</c>.</summary>
    public const string SectionName = "Kafka";

    public static void AddInputStreams(this ISiloBuilder silo)
    {
        silo.AddKafkaStreams(StreamNames.KafkaProvider, configurator =>
        {
            configurator.ConfigureKafka(options => options
                .BindConfiguration(SectionName)
                .Configure<KafkaEndpoint, IOptions<EntityGrainOptions>>((kafka, endpoint, entities) =>
                {
                    kafka.BootstrapServers = endpoint.BootstrapServers;

                    // Offsets are committed only after the entity grains have had two chances to write their state.
                    kafka.CheckpointDelay = entities.Value.FlushInterval * 2;
                    if (endpoint.IsEmbedded)
                    {
                        // The embedded broker holds every empty fetch for the whole wait; keep it short.
                        kafka.FetchWaitMaxMs = 10;
                    }

                    kafka.AddTopic<MachineTelemetry>(TopicNames.MachineTelemetry, StreamNames.MachineTelemetry);
                    kafka.AddTopic<CustomerEvent>(TopicNames.CustomerEvents, StreamNames.CustomerEvents);
                    kafka.AddTopic<SecurityEvent>(TopicNames.SecurityEvents, StreamNames.SecurityEvents);
                    kafka.DeadLetterTopic = TopicNames.DeadLetter;
                }));
            configurator.UseDataAdapter((services, _) => new ContractEventDataAdapter(services.GetRequiredService<Pseudonymiser>()));
        });
    }
}
