using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Silo.Outputs;

/// <summary>The output producer's librdkafka settings.</summary>
internal static class OutputProducerConfig
{
    /// <param name="kafka">The input provider's bound options: the output topics live on the same cluster.</param>
    public static ProducerConfig Create(KafkaStreamOptions kafka, OutputOptions outputs)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(outputs);
        var config = new ProducerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            LingerMs = outputs.ProducerLingerMs,
            EnableIdempotence = true,

            // Never give a record up while the cluster is away: librdkafka's default (5 minutes) would refuse every
            // score and alert of a longer outage, and the grains' next flush would save state past them. With no
            // timeout an outage only delays the outputs (a full buffer holds the writer, and through it the grains);
            // what Kafka still refuses is refused for good (too large, not authorised), logged and counted.
            MessageTimeoutMs = 0,

            // A delivery report is read for its error only; copying each record's key and value back is waste.
            DeliveryReportFields = "none",
        };

        // Kafka:SecurityProtocol, Kafka:Sasl*, Kafka:SslCaLocation and Kafka:ClientSettings, applied last as for the
        // provider's own clients: without them a SASL/TLS cluster serves the input but refuses every output.
        kafka.ApplyClientSettings(config);
        return config;
    }
}
