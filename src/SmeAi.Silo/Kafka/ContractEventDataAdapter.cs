using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Streaming.Kafka.Data;

namespace SmeAi.Silo.Kafka;

/// <summary>
/// Reads the input topics as the platform's event contracts: strict JSON, the contract's validation,
/// and a message key that must be the event's entity id (the key decides the grain, the id what the
/// event is about; a mismatch would file the event under the wrong entity). Rejections carry the reason
/// to the dead-letter topic.
/// </summary>
internal sealed class ContractEventDataAdapter : IKafkaDataAdapter
{
    public KafkaDecodeResult Decode(ConsumeResult<byte[], byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var value = message.Message.Value;
        if (value is null || value.Length == 0)
        {
            return KafkaDecodeResult.Reject("empty value");
        }

        if (!EventJson.TryDeserialize(message.Topic, value, out var entityEvent, out var reason))
        {
            return KafkaDecodeResult.Reject(reason);
        }

        var key = message.Message.Key is { } keyBytes ? Encoding.UTF8.GetString(keyBytes) : null;
        return key == entityEvent.EntityId
            ? KafkaDecodeResult.Accept(entityEvent)
            : KafkaDecodeResult.Reject($"message key '{Shorten(key)}' is not the event's entity id '{Shorten(entityEvent.EntityId)}'");
    }

    public byte[] Encode(string topic, object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload is IEntityEvent entityEvent
            ? EventJson.SerializeToUtf8Bytes(entityEvent)
            : JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), EventJson.Options);
    }

    private static string Shorten(string? value) => value is null ? "(none)" : value.Length <= 40 ? value : value[..40] + "…";
}
