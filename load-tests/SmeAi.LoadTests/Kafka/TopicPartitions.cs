using Confluent.Kafka;

namespace SmeAi.LoadTests.Kafka;

/// <summary>How many partitions a topic has, from the cluster's metadata (a running silo's Kafka sets its own counts).</summary>
internal static class TopicPartitions
{
    public static int Of(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new InvalidOperationException(
                $"Topic '{topic}' was not found on {bootstrapServers} ({metadata?.Error.Reason ?? "no metadata"}); is this the running silo's Kafka?");
        }

        return metadata.Partitions.Count;
    }
}
