using Confluent.Kafka;
using SmeAi.Silo.Hosting;
using SmeAi.Silo.Outputs;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Silo.Kafka;

/// <summary>
/// Lets librdkafka judge the silo's client settings before anything starts. Confluent.Kafka keeps settings as strings and
/// librdkafka checks their names and values only when a client is created: a misspelt <c>Kafka:ClientSettings</c> key
/// failed the output producer after Orleans and the broker had started, with a stack trace. Each check creates a client
/// without a bootstrap address, which contacts nothing, and disposes it at once.
/// </summary>
internal static class LibrdkafkaSettingsCheck
{
    private static readonly HashSet<string> _addressKeys = new(StringComparer.Ordinal) { "bootstrap.servers", "metadata.broker.list" };

    /// <exception cref="SiloStartupException">librdkafka refuses a setting, named as configured.</exception>
    public static void Run(KafkaStreamOptions kafka, OutputOptions outputs)
    {
        // One setting at a time first, so a bad name or value is named by the key the operator set.
        foreach (var (key, value) in kafka.ClientSettings)
        {
            if (Refusal(BuildProducer, new Dictionary<string, string> { [key] = value }) is { } reason)
            {
                throw new SiloStartupException($"{InputStreamsSetup.SectionName}:ClientSettings:{key}: librdkafka refuses it: {reason}");
            }
        }

        // Then as the silo's clients combine them (e.g. acks with the output producer's idempotence).
        if (Refusal(BuildProducer, OutputProducerConfig.Create(kafka, outputs)) is { } producerReason)
        {
            throw new SiloStartupException($"{InputStreamsSetup.SectionName}: librdkafka refuses the settings of the silo's output producer: {producerReason}");
        }

        var consumer = new ConsumerConfig { GroupId = kafka.GroupId };
        kafka.ApplyClientSettings(consumer);
        if (Refusal(BuildConsumer, consumer) is { } consumerReason)
        {
            throw new SiloStartupException($"{InputStreamsSetup.SectionName}: librdkafka refuses the settings of the silo's consumers: {consumerReason}");
        }
    }

    private static string? Refusal(Action<Dictionary<string, string>> build, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var offline = settings.Where(setting => !_addressKeys.Contains(setting.Key)).ToDictionary(StringComparer.Ordinal);
        try
        {
            build(offline);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KafkaException)
        {
            return ex.Message;
        }
    }

    // Without an address librdkafka logs that it cannot connect: true, and not worth a line.
    private static void BuildProducer(Dictionary<string, string> settings)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(settings).SetLogHandler((_, _) => { }).Build();
    }

    private static void BuildConsumer(Dictionary<string, string> settings)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(settings).SetLogHandler((_, _) => { }).Build();
    }
}
