using System.Globalization;

namespace SmeAi.Cli.Replay;

/// <summary>Reading cells: numbers (invariant culture, finite), missing-value markers, timestamps.</summary>
internal static class CellValues
{
    private static readonly HashSet<string> _missing = new(StringComparer.OrdinalIgnoreCase) { "", "NA", "N/A", "NaN", "null", "none", "?" };

    /// <summary>Empty cells and the usual markers of a missing value (NA, NaN, null, ?).</summary>
    public static bool IsMissing(string? cell) => cell is null || _missing.Contains(cell.Trim());

    public static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>
    /// With no <paramref name="format"/>: a number is Unix time (seconds, or milliseconds from 10^11 up), anything else
    /// ISO 8601 or another invariant-culture date; without an offset the time is UTC.
    /// </summary>
    public static bool TryTimestamp(string cell, string? format, out DateTimeOffset value)
    {
        value = default;
        var text = cell.Trim();
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        switch (format)
        {
            case "unix":
                return TryUnix(text, milliseconds: false, out value);
            case "unix-ms":
                return TryUnix(text, milliseconds: true, out value);
            case { Length: > 0 }:
                return DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, utc, out value);
            default:
                if (TryNumber(text, out var number))
                {
                    return TryUnix(text, milliseconds: Math.Abs(number) >= 1e11, out value);
                }

                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, utc, out value);
        }
    }

    private static bool TryUnix(string text, bool milliseconds, out DateTimeOffset value)
    {
        value = default;
        if (!TryNumber(text, out var number))
        {
            return false;
        }

        var ms = milliseconds ? number : number * 1000;
        if (ms < -62_135_596_800_000 || ms > 253_402_300_799_000)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(ms));
        return true;
    }
}
