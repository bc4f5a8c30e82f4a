namespace SmeAi.Simulator.Internal;

/// <summary>Simulated times are whole milliseconds in UTC, as most producers would send them.</summary>
internal static class SimTime
{
    public static DateTimeOffset Ms(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>
    /// <paramref name="from"/> plus <paramref name="days"/> when that is before <paramref name="limit"/>, else null. A wait
    /// drawn at a tiny rate can be longer than a date holds (or infinite); any wait past the limit means the same.
    /// </summary>
    public static DateTimeOffset? AddDaysBefore(DateTimeOffset from, double days, DateTimeOffset limit)
    {
        if (!(days < (limit - from).TotalDays))
        {
            return null;
        }

        var time = from + TimeSpan.FromDays(days);
        return time < limit ? time : null;
    }
}
