using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Data;

/// <summary>
/// The default adapter: UTF-8 JSON (System.Text.Json, web defaults) deserialised to each topic's
/// <see cref="KafkaTopicOptions.EventType"/>, then checked by the registered <see cref="IKafkaEventValidator{TEvent}"/>s.
/// </summary>
public sealed class KafkaJsonDataAdapter : IKafkaDataAdapter
{
    /// <summary>Serializer settings for values: web defaults (camelCase, case-insensitive reads).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, TopicCodec> _codecs = new(StringComparer.Ordinal);

    public KafkaJsonDataAdapter(KafkaStreamOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        foreach (var (topic, topicOptions) in options.Topics)
        {
            if (topicOptions.EventType is { } type)
            {
                _codecs[topic] = new TopicCodec(type, ValidatorsOf(type, services));
            }
        }
    }

    public KafkaDecodeResult Decode(ConsumeResult<byte[], byte[]> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_codecs.TryGetValue(message.Topic, out var codec))
        {
            return KafkaDecodeResult.Reject($"no event type is configured for topic '{message.Topic}'");
        }

        var value = message.Message.Value;
        if (value is null || value.Length == 0)
        {
            return KafkaDecodeResult.Reject("empty value");
        }

        object? payload;
        try
        {
            payload = JsonSerializer.Deserialize(value, codec.Type, SerializerOptions);
        }
        catch (JsonException ex)
        {
            return KafkaDecodeResult.Reject($"invalid JSON for {codec.Type.Name}: {ex.Message}");
        }
        catch (NotSupportedException ex)
        {
            return KafkaDecodeResult.Reject($"invalid JSON for {codec.Type.Name}: {ex.Message}");
        }

        if (payload is null)
        {
            return KafkaDecodeResult.Reject("value is JSON null");
        }

        foreach (var validate in codec.Validators)
        {
            string? reason;
            try
            {
                reason = validate(payload);
            }
            catch (System.Reflection.TargetInvocationException ex)
            {
                reason = $"validator threw {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}";
            }

            if (reason is not null)
            {
                return KafkaDecodeResult.Reject($"validation failed: {reason}");
            }
        }

        return KafkaDecodeResult.Accept(payload);
    }

    public byte[] Encode(string topic, object payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), SerializerOptions);
    }

    // Validators are resolved once per type; the generic interface is contravariant, so a validator of a base type applies too.
    private static List<Func<object, string?>> ValidatorsOf(Type eventType, IServiceProvider services)
    {
        var validatorType = typeof(IKafkaEventValidator<>).MakeGenericType(eventType);
        var validate = validatorType.GetMethod(nameof(IKafkaEventValidator<object>.Validate))!;
        return [.. services.GetServices(validatorType)
            .OfType<object>()
            .Select(validator => (Func<object, string?>)(payload => (string?)validate.Invoke(validator, [payload])))];
    }

    private sealed record TopicCodec(Type Type, List<Func<object, string?>> Validators);
}
