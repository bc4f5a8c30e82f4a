using System.Text;
using System.Text.Json;

namespace SmeAi.Abstractions.Events.Validation;

/// <summary>
/// The fast path of <see cref="EventJson"/> for <c>machine-telemetry</c>, the platform's busiest topic: reads the usual
/// shape (the four contract properties, exactly spelled, plus any unknown ones) straight into shared sensor names and
/// a <see cref="SensorDictionary"/>, without the serializer's per-message dictionaries and read stack. Anything else
/// (a property spelled in other case, a duplicate, a null, a quoted number, malformed JSON) is left to the
/// serializer, so what is accepted and every rejection's reason stay the serializer's.
/// </summary>
internal static class MachineTelemetryReader
{
    private static readonly JsonReaderOptions _options = new() { MaxDepth = EventLimits.MaxJsonDepth };

    [ThreadStatic]
    private static string[]? _nameScratch;

    /// <summary>True with the reading when the message has the usual shape; false when the serializer must read it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, out MachineTelemetry? reading)
    {
        reading = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, _options);
            return TryReadObject(ref reader, out reading);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON or invalid UTF-8 in a string: the serializer reads it again and gives the reason.
            return false;
        }
    }

    private static bool TryReadObject(ref Utf8JsonReader reader, out MachineTelemetry? reading)
    {
        reading = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? machineId = null;
        DateTimeOffset? ts = null;
        string? kind = null;
        SensorDictionary? sensors = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("machineId"u8))
            {
                if (machineId is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                machineId = reader.GetString();
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                if (ts is not null || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var time))
                {
                    return false;
                }

                ts = time;
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                if (kind is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                kind = KindOf(ref reader);
            }
            else if (reader.ValueTextEquals("sensors"u8))
            {
                if (sensors is not null || !reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadSensors(ref reader, out sensors))
                {
                    return false;
                }
            }
            else if (reader.ValueIsEscaped || IsContractNameInOtherCase(reader.ValueSpan))
            {
                // The serializer matches property names case-insensitively; let it decide what this one is.
                return false;
            }
            else
            {
                reader.Skip();
            }
        }

        // The serializer refuses anything after the object, so only a message that ends here is read here.
        if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read())
        {
            return false;
        }

        reading = new MachineTelemetry(
            machineId!, ts ?? default, kind ?? MachineTelemetry.KindTelemetry, (IReadOnlyDictionary<string, double>?)sensors ?? SensorDictionary.Empty);
        return true;
    }

    private static bool TryReadSensors(ref Utf8JsonReader reader, out SensorDictionary? sensors)
    {
        sensors = null;
        var names = _nameScratch ??= new string[EventLimits.MaxEntries];
        Span<double> values = stackalloc double[EventLimits.MaxEntries];
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (count == EventLimits.MaxEntries)
            {
                return false;
            }

            var name = reader.ValueIsEscaped || reader.ValueSpan.Length > EventLimits.MaxNameLength
                ? null
                : SensorNames.Shared(reader.ValueSpan);
            if (name is null || !reader.Read() || reader.TokenType != JsonTokenType.Number
                || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                return false;
            }

            names[count] = name;
            values[count++] = value;
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        var sortedNames = names.AsSpan(0, count);
        var sortedValues = values[..count];
        sortedNames.Sort(sortedValues, StringComparer.Ordinal);
        for (var i = 1; i < count; i++)
        {
            if (string.Equals(sortedNames[i - 1], sortedNames[i], StringComparison.Ordinal))
            {
                // A repeated sensor: the serializer's reason names it.
                return false;
            }
        }

        sensors = new SensorDictionary(SensorNames.SharedSet(sortedNames), sortedValues.ToArray());
        sortedNames.Clear();
        return true;
    }

    /// <summary>The contract's kinds as shared constants; any other value as read (the validator names it).</summary>
    private static string KindOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("telemetry"u8) ? MachineTelemetry.KindTelemetry
        : reader.ValueTextEquals("failure"u8) ? MachineTelemetry.KindFailure
        : reader.ValueTextEquals("maintenance"u8) ? MachineTelemetry.KindMaintenance
        : reader.GetString()!;

    private static bool IsContractNameInOtherCase(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "machineId"u8) || Ascii.EqualsIgnoreCase(name, "ts"u8)
        || Ascii.EqualsIgnoreCase(name, "kind"u8) || Ascii.EqualsIgnoreCase(name, "sensors"u8);
}
