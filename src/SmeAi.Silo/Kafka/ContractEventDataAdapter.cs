using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Silo.Privacy;
using SmeAi.Streaming.Kafka.Data;

namespace SmeAi.Silo.Kafka;

/// <summary>
/// Reads the input topics as the platform's event contracts: strict JSON, the contract's validation,
/// and a message key that must be the event's entity id (the key decides the grain, the id what the
/// event is about; a mismatch would file the event under the wrong entity). Rejections carry the reason
/// to the dead-letter topic. With pseudonymisation on, accepted events carry the pseudonyms of their
/// entity id and IP address, and are filed under the pseudonym of the key, so nothing after this point
/// sees the raw values.
/// </summary>
internal sealed class ContractEventDataAdapter(Pseudonymiser pseudonymiser) : IKafkaDataAdapter
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

        if (entityEvent is MachineTelemetry reading)
        {
            entityEvent = CompactTelemetry.Of(reading);
        }

        var key = message.Message.Key is { } keyBytes ? Encoding.UTF8.GetString(keyBytes) : null;
        if (key != entityEvent.EntityId)
        {
            return KafkaDecodeResult.Reject($"message key '{Shorten(key)}' is not the event's entity id '{Shorten(entityEvent.EntityId)}'");
        }

        return pseudonymiser.Enabled
            ? KafkaDecodeResult.Accept(Pseudonymise(entityEvent), pseudonymiser.EntityId(key))
            : KafkaDecodeResult.Accept(entityEvent);
    }

    private IEntityEvent Pseudonymise(IEntityEvent entityEvent) => entityEvent switch
    {
        MachineTelemetry machine => machine with { MachineId = pseudonymiser.EntityId(machine.MachineId) },
        CustomerEvent customer => customer with { CustomerId = pseudonymiser.EntityId(customer.CustomerId) },
        SecurityEvent security => security with
        {
            SubjectId = pseudonymiser.EntityId(security.SubjectId),
            Ip = security.Ip is { } ip ? pseudonymiser.IpAddress(ip) : null,
        },
        _ => throw new InvalidOperationException($"No pseudonymisation is defined for {entityEvent.GetType().Name}."),
    };

    public byte[] Encode(string topic, object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload is IEntityEvent entityEvent
            ? EventJson.SerializeToUtf8Bytes(entityEvent)
            : JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), EventJson.Options);
    }

    private static string Shorten(string? value) => value is null ? "(none)" : value.Length <= 40 ? value : value[..40] + "…";
}
