using Confluent.Kafka;

namespace SmeAi.Streaming.Kafka.Data;

/// <summary>
/// Turns Kafka message values into stream events and back. The provider keys streams by the message key itself unless
/// the adapter names another stream key (<see cref="KafkaDecodeResult.StreamKey"/>, e.g. a pseudonym of the key). Implementations must be thread-safe: every queue of a silo shares one.
/// </summary>
public interface IKafkaDataAdapter
{
    /// <summary>Decodes one consumed message, or rejects it with a reason that goes to the dead-letter topic.</summary>
    KafkaDecodeResult Decode(ConsumeResult<byte[], byte[]> message);

    /// <summary>Encodes an event produced through an Orleans stream of this provider (or dead-lettered after delivery failed).</summary>
    byte[] Encode(string topic, object payload);
}
