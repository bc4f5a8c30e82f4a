using SmeAi.LoadTests.Pipeline;

namespace SmeAi.LoadTests.Tests;

/// <summary>The run seconds a phase's latency figures are taken over: the whole phase, before a swap or a kill, during it.</summary>
public sealed class PhaseWindowsTests
{
    private static readonly TimeSpan _from = TimeSpan.FromSeconds(100.4);
    private static readonly TimeSpan _at = TimeSpan.FromSeconds(120.6);

    [Fact]
    public void Before_runs_from_the_phase_start_up_to_the_events_second()
    {
        Assert.Equal(new SecondRange(100, 120), PhaseWindows.Before(_from, _at));
    }

    [Fact]
    public void During_runs_from_the_events_second_through_the_end_of_its_window()
    {
        Assert.Equal(new SecondRange(120, 133), PhaseWindows.During(_at, TimeSpan.FromSeconds(132.1)));
    }

    [Fact]
    public void Before_and_during_meet_without_overlap_inside_the_whole_phase()
    {
        var whole = PhaseWindows.Whole(_from, TimeSpan.FromSeconds(160.2));
        var before = PhaseWindows.Before(_from, _at);
        var during = PhaseWindows.During(_at, TimeSpan.FromSeconds(132.1));

        Assert.Equal(new SecondRange(100, 161), whole);
        Assert.Equal(before.To, during.From);
        Assert.Equal(whole.From, before.From);
        Assert.True(during.To <= whole.To);
    }
}
