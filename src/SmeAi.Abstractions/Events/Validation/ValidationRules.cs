using System.Globalization;

namespace SmeAi.Abstractions.Events.Validation;

/// <summary>The field rules shared by the event validators. Each returns null or a reason naming the field.</summary>
internal static class ValidationRules
{
    private const int QuoteLength = 40;

    public static string? Id(string? value, string field)
    {
        if (value is null)
        {
            return $"missing field {field}";
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{field} is empty";
        }

        return value.Length > EventLimits.MaxIdLength
            ? $"{field} is {value.Length} characters long; the limit is {EventLimits.MaxIdLength}"
            : ControlCharacter(value, field);
    }

    public static string? Timestamp(DateTimeOffset value, string field)
    {
        if (value == default)
        {
            return $"missing field {field} (or it is 0001-01-01)";
        }

        var year = value.UtcDateTime.Year;
        return year is < EventLimits.MinYear or > EventLimits.MaxYear
            ? $"{field} {value.ToString("O", CultureInfo.InvariantCulture)} is outside the years {EventLimits.MinYear}..{EventLimits.MaxYear}"
            : null;
    }

    /// <summary>A required string drawn from a closed set.</summary>
    public static string? OneOf(string? value, string field, IReadOnlySet<string> allowed)
    {
        if (value is null)
        {
            return $"missing field {field}";
        }

        return allowed.Contains(value)
            ? null
            : $"{field} '{Quote(value)}' is not one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}";
    }

    /// <summary>An optional free string: bounded length, no control characters.</summary>
    public static string? OptionalText(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        return value.Length > EventLimits.MaxStringLength
            ? $"{field} is {value.Length} characters long; the limit is {EventLimits.MaxStringLength}"
            : ControlCharacter(value, field);
    }

    public static string? OptionalNonNegative(double? value, string field)
    {
        if (value is not { } number)
        {
            return null;
        }

        return Representable(number, field) ?? (number < 0 ? $"{field} {Format(number)} is negative" : null);
    }

    public static string? OptionalNonNegative(long? value, string field) =>
        value is < 0 ? $"{field} {value.Value.ToString(CultureInfo.InvariantCulture)} is negative" : null;

    /// <summary>A map of names to finite numbers (sensors, features).</summary>
    public static string? Numbers(IReadOnlyDictionary<string, double>? map, string field, bool required)
    {
        if (map is null)
        {
            return required ? $"missing field {field}" : null;
        }

        if (EntryCount(map.Count, field) is { } tooMany)
        {
            return tooMany;
        }

        if (map is SensorDictionary readings)
        {
            return Numbers(readings, field);
        }

        foreach (var (name, number) in map)
        {
            if (NumberEntry(name, number, field) is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    /// <summary>Decoded readings, checked without an enumerator per event.</summary>
    private static string? Numbers(SensorDictionary readings, string field)
    {
        var names = readings.SortedNames;
        var numbers = readings.Values;
        for (var i = 0; i < names.Length; i++)
        {
            if (NumberEntry(names[i], numbers[i], field) is { } bad)
            {
                return bad;
            }
        }

        return null;
    }

    /// <summary>
    /// One named number of a map: a valid name and a value the features can hold. The value is checked before the
    /// field name is built, so a valid entry (nearly every one) builds none.
    /// </summary>
    private static string? NumberEntry(string name, double number, string field) =>
        Name(name, field) ?? (IsRepresentable(number) ? null : Representable(number, $"{field}.{name}"));

    private static bool IsRepresentable(double number) => double.IsFinite(number) && Math.Abs(number) <= EventLimits.MaxMagnitude;

    /// <summary>Null for a finite number within <see cref="EventLimits.MaxMagnitude"/>; otherwise which of the two it is not.</summary>
    private static string? Representable(double number, string field)
    {
        if (IsRepresentable(number))
        {
            return null;
        }

        return double.IsFinite(number)
            ? $"{field} {Format(number)} is beyond the range of a 32-bit number (±{EventLimits.MaxMagnitude.ToString("0.#E+0", CultureInfo.InvariantCulture)})"
            : $"{field} is not a finite number ({Format(number)})";
    }

    /// <summary>A map of names to bounded strings (attributes).</summary>
    public static string? Strings(IReadOnlyDictionary<string, string>? map, string field)
    {
        if (map is null)
        {
            return null;
        }

        if (EntryCount(map.Count, field) is { } tooMany)
        {
            return tooMany;
        }

        foreach (var (name, text) in map)
        {
            if (Name(name, field) is { } badName)
            {
                return badName;
            }

            if (text is null)
            {
                return $"{field}.{name} is null";
            }

            if (OptionalText(text, $"{field}.{name}") is { } badText)
            {
                return badText;
            }
        }

        return null;
    }

    /// <summary>Shortens and neutralises a value for quoting in a reason (reasons travel in Kafka headers and logs).</summary>
    public static string Quote(string value)
    {
        var shown = value.Length > QuoteLength ? value[..QuoteLength] : value;
        var chars = shown.Select(c => char.IsControl(c) ? '?' : c).ToArray();
        return value.Length > QuoteLength ? new string(chars) + "..." : new string(chars);
    }

    private static string? EntryCount(int count, string field) =>
        count > EventLimits.MaxEntries ? $"{field} has {count} entries; the limit is {EventLimits.MaxEntries}" : null;

    private static string? Name(string name, string field)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return $"{field} has an empty name";
        }

        if (name.Length > EventLimits.MaxNameLength)
        {
            return $"{field} name '{Quote(name)}' is {name.Length} characters long; the limit is {EventLimits.MaxNameLength}";
        }

        return ControlCharacter(name, field, " name");
    }

    /// <summary>The field's name is joined only for the reason: names are checked on every event, reasons are rare.</summary>
    private static string? ControlCharacter(string value, string field, string fieldSuffix = "")
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                return $"{field}{fieldSuffix} contains a control character (U+{(int)value[i]:X4}) at position {i}";
            }
        }

        return null;
    }

    private static string Format(double number) => number.ToString("R", CultureInfo.InvariantCulture);
}
