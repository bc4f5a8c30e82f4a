using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>Reads each configured topic's partition count from the cluster metadata.</summary>
internal static class KafkaTopology
{
    /// <exception cref="InvalidOperationException">A topic does not exist or the cluster did not answer in time.</exception>
    public static Dictionary<string, int> Discover(KafkaStreamOptions options, string clientId)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options, clientId)).SetLogHandler((_, _) => { }).Build();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in options.Topics.Keys)
        {
            Metadata metadata;
            try
            {
                metadata = admin.GetMetadata(topic, options.OperationTimeout);
            }
            catch (KafkaException ex)
            {
                throw new InvalidOperationException(
                    $"Could not read the metadata of Kafka topic '{topic}' from {options.BootstrapServers}: {ex.Error.Reason}", ex);
            }

            var topicMetadata = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
            if (topicMetadata is null || topicMetadata.Error.IsError || topicMetadata.Partitions.Count == 0)
            {
                throw new InvalidOperationException(
                    $"Kafka topic '{topic}' is not available at {options.BootstrapServers} ({topicMetadata?.Error.Reason ?? "no metadata"}); create it before starting the silo.");
            }

            counts[topic] = topicMetadata.Partitions.Count;
        }

        return counts;
    }
}
