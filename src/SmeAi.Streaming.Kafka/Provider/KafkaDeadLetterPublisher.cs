using System.Globalization;
using System.Text;
using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Diagnostics;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>Produces rejected messages and failed deliveries to the dead-letter topic, with their source in headers.</summary>
internal sealed class KafkaDeadLetterPublisher(Func<IProducer<byte[], byte[]>> producer, string deadLetterTopic, KafkaStreamMetrics metrics)
{
    public Task PublishAsync(string kind, string reason, string topic, int partition, long offset, byte[]? key, byte[]? value)
    {
        var headers = new Headers
        {
            { KafkaDeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason) },
            { KafkaDeadLetterHeaders.Kind, Encoding.UTF8.GetBytes(kind) },
            { KafkaDeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(topic) },
            { KafkaDeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(partition.ToString(CultureInfo.InvariantCulture)) },
            { KafkaDeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture)) },
        };
        return ProduceAsync(new Message<byte[], byte[]> { Key = key!, Value = value!, Headers = headers }, topic, kind);
    }

    private async Task ProduceAsync(Message<byte[], byte[]> message, string sourceTopic, string kind)
    {
        await producer().ProduceAsync(deadLetterTopic, message).ConfigureAwait(false);
        metrics.DeadLettered(sourceTopic, kind);
    }
}
