using Confluent.Kafka;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Streaming.Kafka.Data;

namespace SmeAi.LoadTests.Silo;

/// <summary>
/// Reads <c>machine-telemetry</c> values with <see cref="EventJson"/> (parse and validate), exactly as the baseline
/// does, so both sides of the comparison do the same work per event.
/// </summary>
internal sealed class EventJsonDataAdapter : IKafkaDataAdapter
{
    public KafkaDecodeResult Decode(ConsumeResult<byte[], byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return EventJson.TryDeserialize<MachineTelemetry>(message.Message.Value, out var telemetry, out var reason)
            ? KafkaDecodeResult.Accept(telemetry)
            : KafkaDecodeResult.Reject(reason);
    }

    public byte[] Encode(string topic, object payload) => EventJson.SerializeToUtf8Bytes((IEntityEvent)payload);
}
