namespace SmeAi.Simulator.Internal;

/// <summary>Simulated times are whole milliseconds in UTC, as most producers would send them.</summary>
internal static class SimTime
{
    public static DateTimeOffset Ms(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
