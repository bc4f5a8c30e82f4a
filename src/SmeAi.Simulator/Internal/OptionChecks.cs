using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.Simulator.Internal;

/// <summary>Checks shared by the simulator option validators; each adds a message naming the setting.</summary>
internal static class OptionChecks
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    /// <summary>Start and end must fall in the years the event validator accepts.</summary>
    public static void Span(List<string> failures, string section, DateTimeOffset start, TimeSpan duration)
    {
        if (start.UtcDateTime.Year < EventLimits.MinYear || start.UtcDateTime.Year > EventLimits.MaxYear)
        {
            failures.Add($"{section}:Start must be in the years {EventLimits.MinYear}..{EventLimits.MaxYear} (was {start:O}).");
        }

        if (duration <= TimeSpan.Zero || duration > MaxDuration)
        {
            failures.Add($"{section}:Duration must be positive and at most {MaxDuration.TotalDays} days (was {duration}).");
        }
        else if (start.UtcDateTime.Year <= EventLimits.MaxYear && (start + duration).UtcDateTime.Year > EventLimits.MaxYear)
        {
            failures.Add($"{section}:Duration runs past the year {EventLimits.MaxYear}, which events may not carry.");
        }
    }

    public static void Count(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max} (was {value}).");
        }
    }

    public static void Rate(List<string> failures, string setting, double value, double max)
    {
        if (!double.IsFinite(value) || value < 0 || value > max)
        {
            failures.Add($"{setting} must be between 0 and {max} (was {value}).");
        }
    }

    public static void Positive(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max} (was {value}).");
        }
    }

    public static void Range(List<string> failures, string section, string minName, TimeSpan min, string maxName, TimeSpan max)
    {
        if (min <= TimeSpan.Zero || min > MaxDuration)
        {
            failures.Add($"{section}:{minName} must be positive and at most {MaxDuration.TotalDays} days (was {min}).");
        }

        if (max < min)
        {
            failures.Add($"{section}:{maxName} must be at least {minName} (was {max} < {min}).");
        }
        else if (max > MaxDuration)
        {
            failures.Add($"{section}:{maxName} must be at most {MaxDuration.TotalDays} days (was {max}).");
        }
    }

    /// <summary>
    /// A period that may be zero; at most <see cref="MaxDuration"/>, since the simulators add such periods to event
    /// times, and a date holds no more than the year 9999.
    /// </summary>
    public static void Period(List<string> failures, string setting, TimeSpan value, string zeroMeans = "")
    {
        if (!IsPeriod(value))
        {
            failures.Add($"{setting} must be between 0{zeroMeans} and {MaxDuration.TotalDays} days (was {value}).");
        }
    }

    /// <summary>
    /// Whether <paramref name="value"/> passes <see cref="Period"/>; validators add or compare such periods only then, since
    /// a sum with a value near <see cref="TimeSpan.MaxValue"/> overflows instead of failing validation.
    /// </summary>
    public static bool IsPeriod(TimeSpan value) => value >= TimeSpan.Zero && value <= MaxDuration;

    /// <summary>Ids are the prefix plus a number of up to 6 digits, and must stay valid entity ids.</summary>
    public static void IdPrefix(List<string> failures, string setting, string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            failures.Add($"{setting} must not be empty.");
        }
        else if (prefix.Length > EventLimits.MaxIdLength - 8 || prefix.Any(char.IsControl))
        {
            failures.Add($"{setting} must be at most {EventLimits.MaxIdLength - 8} characters without control characters.");
        }
    }
}
