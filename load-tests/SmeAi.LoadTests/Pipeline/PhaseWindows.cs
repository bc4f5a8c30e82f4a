namespace SmeAi.LoadTests.Pipeline;

/// <summary>Run seconds [<paramref name="From"/>, <paramref name="To"/>): the collector and the sampler keep whole seconds.</summary>
internal readonly record struct SecondRange(int From, int To);

/// <summary>
/// The run seconds a phase's figures are taken over, by the arrival time of the score records. A phase's load starts
/// after its warm-up, so none of these windows holds the warm-up's start.
/// </summary>
internal static class PhaseWindows
{
    /// <summary>The whole phase: from the second the measured load began to the second its last event was scored.</summary>
    public static SecondRange Whole(TimeSpan from, TimeSpan to) => new(RunClock.SecondOf(from), RunClock.SecondOf(to) + 1);

    /// <summary>Before a swap or a kill at <paramref name="at"/>: the phase's seconds up to, not including, the event's second.</summary>
    public static SecondRange Before(TimeSpan from, TimeSpan at) => new(RunClock.SecondOf(from), RunClock.SecondOf(at));

    /// <summary>During the event: from the event's second through the second <paramref name="end"/> falls in.</summary>
    public static SecondRange During(TimeSpan at, TimeSpan end) => new(RunClock.SecondOf(at), RunClock.SecondOf(end) + 1);
}
