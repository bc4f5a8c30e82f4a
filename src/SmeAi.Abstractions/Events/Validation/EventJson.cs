using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SmeAi.Abstractions.Events.Validation;

/// <summary>
/// The JSON form of the input contracts: one shared <see cref="JsonSerializerOptions"/> and a reader that turns any
/// message value into either a valid event or a reason, without throwing; the reason is what the dead-letter topic records.
/// </summary>
public static class EventJson
{
    private static readonly Dictionary<string, Type> _eventTypes = new(StringComparer.Ordinal)
    {
        [TopicNames.MachineTelemetry] = typeof(MachineTelemetry),
        [TopicNames.CustomerEvents] = typeof(CustomerEvent),
        [TopicNames.SecurityEvents] = typeof(SecurityEvent),
    };

    /// <summary>
    /// Web defaults (camelCase, case-insensitive names) with strict numbers: numbers must be JSON numbers (no
    /// quoted numbers, no NaN or Infinity literals), a property may appear only once, nesting is at most
    /// <see cref="EventLimits.MaxJsonDepth"/>, and a machine event without <c>kind</c> reads as <c>telemetry</c> (and without
    /// <c>sensors</c> as having none).
    /// Unknown properties are ignored, so producers can add fields. Read-only.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The event type carried by an input topic, or null if <paramref name="topic"/> is not an input topic.</summary>
    public static Type? EventTypeOf(string topic) => _eventTypes.GetValueOrDefault(topic);

    /// <summary>Serialises an event with <see cref="Options"/>, by its runtime type.</summary>
    public static byte[] SerializeToUtf8Bytes(IEntityEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);
    }

    /// <summary>
    /// Reads and validates one message value. Never throws on bad input: on failure <paramref name="reason"/> says why,
    /// e.g. <c>invalid JSON at $.ts: ...</c>, <c>missing field machineId</c>, <c>sensors.temperature is not a finite number (Infinity)</c>.
    /// </summary>
    public static bool TryDeserialize<T>(
        ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? reason)
        where T : class, IEntityEvent
    {
        value = null;
        if (!TryRead(utf8Json, typeof(T), out var read, out reason))
        {
            return false;
        }

        if (read is not T typed)
        {
            reason = $"invalid JSON: expected a {typeof(T).Name} object";
            return false;
        }

        reason = EventValidator.Validate(typed);
        if (reason is not null)
        {
            return false;
        }

        value = typed;
        return true;
    }

    /// <summary>Reads and validates one message value of an input topic, with the event type <see cref="EventTypeOf"/> gives.</summary>
    public static bool TryDeserialize(
        string topic, ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out IEntityEvent? value, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(topic);
        value = null;
        if (EventTypeOf(topic) is not { } type)
        {
            reason = $"topic '{ValidationRules.Quote(topic)}' is not an input topic";
            return false;
        }

        if (!TryRead(utf8Json, type, out var read, out reason))
        {
            return false;
        }

        if (read is not IEntityEvent entityEvent)
        {
            reason = $"invalid JSON: expected a {type.Name} object";
            return false;
        }

        reason = EventValidator.Validate(entityEvent);
        if (reason is not null)
        {
            return false;
        }

        value = entityEvent;
        return true;
    }

    private static bool TryRead(ReadOnlySpan<byte> utf8Json, Type type, out object? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        if (utf8Json.Length > EventLimits.MaxMessageBytes)
        {
            reason = $"message is {utf8Json.Length} bytes; the limit is {EventLimits.MaxMessageBytes}";
            return false;
        }

        if (type == typeof(MachineTelemetry) && MachineTelemetryReader.TryRead(utf8Json, out var reading))
        {
            value = reading;
            reason = null;
            return true;
        }

        try
        {
            value = JsonSerializer.Deserialize(utf8Json, type, Options);
        }
        catch (JsonException ex)
        {
            reason = ex.Path is { Length: > 0 } path ? $"invalid JSON at {path}: {FirstSentence(ex.Message)}" : $"invalid JSON: {FirstSentence(ex.Message)}";
            return false;
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            reason = $"invalid JSON: {FirstSentence(ex.Message)}";
            return false;
        }

        if (value is null)
        {
            reason = $"invalid JSON: expected a {type.Name} object, got null";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the path is reported separately.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(ApplyContractDefaults);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = false,
            MaxDepth = EventLimits.MaxJsonDepth,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// A machine event read without <c>kind</c> (or with <c>"kind":null</c>) is <c>telemetry</c>, and one without
    /// <c>sensors</c> has none. Setting <see cref="JsonTypeInfo.CreateObject"/> makes the serializer create the record
    /// with these values and then set the properties present in the JSON, instead of calling its constructor.
    /// </summary>
    private static void ApplyContractDefaults(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(MachineTelemetry))
        {
            return;
        }

        typeInfo.CreateObject = static () => new MachineTelemetry(
            MachineId: null!, Ts: default, Kind: MachineTelemetry.KindTelemetry, Sensors: ReadOnlyDictionary<string, double>.Empty);
        foreach (var property in typeInfo.Properties)
        {
            if (property.Name == "kind" && property.Set is { } set)
            {
                property.Set = (target, value) => set(target, value ?? MachineTelemetry.KindTelemetry);
            }
        }
    }
}
