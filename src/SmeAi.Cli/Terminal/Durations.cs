using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SmeAi.Cli.Terminal;

/// <summary>Durations on the command line: <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>7d</c> or <c>hh:mm:ss</c>.</summary>
internal static class Durations
{
    private static readonly (string Suffix, double Seconds)[] _units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var trimmed = text.Trim();
        foreach (var (suffix, seconds) in _units)
        {
            // "ms" is tried before "s" and "m", so the longer suffix wins.
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && double.IsFinite(amount) && amount >= 0 && amount * seconds < TimeSpan.MaxValue.TotalSeconds)
            {
                value = TimeSpan.FromSeconds(amount * seconds);
                return true;
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    /// <summary>
    /// The longest wall-clock wait a timer takes (<see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> and
    /// <see cref="Task.Delay(TimeSpan)"/> refuse more than about 49.7 days), rounded down to whole days.
    /// </summary>
    public static readonly TimeSpan WallClockMaximum = TimeSpan.FromDays(49);

    /// <summary>An option of type <see cref="TimeSpan"/> read with <see cref="TryParse"/>, at most <paramref name="maximum"/>.</summary>
    public static Option<TimeSpan?> Option(string name, string description, TimeSpan? defaultValue = null, TimeSpan? maximum = null) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, maximum),
    };

    private static TimeSpan? Parse(ArgumentResult result, TimeSpan? maximum)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!TryParse(token, out var value))
        {
            result.AddError($"'{token}' is not a duration (use e.g. 30s, 10m, 2h, 7d or hh:mm:ss)");
            return null;
        }

        if (value > maximum)
        {
            result.AddError($"{result.Argument.Name} '{token}' is too long: at most {maximum.Value.TotalDays.ToString(CultureInfo.InvariantCulture)}d");
            return null;
        }

        return value;
    }
}
