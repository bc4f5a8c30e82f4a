using System.Diagnostics;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>The time axis of one run: seconds since it started, shared by the producer, the collector and the sampler.</summary>
internal sealed class RunClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    /// <summary>The whole second of the run <paramref name="elapsed"/> falls in.</summary>
    public static int SecondOf(TimeSpan elapsed) => (int)Math.Floor(elapsed.TotalSeconds);
}
