using SmeAi.LoadTests.Pipeline;

namespace SmeAi.LoadTests.Tests;

public sealed class StallWatchTests
{
    private TimeSpan _now;

    [Fact]
    public void Events_waiting_with_no_score_for_the_timeout_are_a_stall()
    {
        var watch = new StallWatch(TimeSpan.FromMinutes(3), () => _now);

        Assert.False(watch.IsStalled(produced: 1_000, scored: 400));
        _now += TimeSpan.FromMinutes(2);
        Assert.False(watch.IsStalled(produced: 1_000, scored: 400));
        _now += TimeSpan.FromMinutes(1);
        Assert.True(watch.IsStalled(produced: 1_000, scored: 400));
    }

    [Fact]
    public void A_score_restarts_the_wait()
    {
        var watch = new StallWatch(TimeSpan.FromMinutes(3), () => _now);
        watch.IsStalled(produced: 1_000, scored: 400);

        _now += TimeSpan.FromMinutes(2);
        Assert.False(watch.IsStalled(produced: 1_000, scored: 401));
        _now += TimeSpan.FromMinutes(2);
        Assert.False(watch.IsStalled(produced: 1_000, scored: 401));
    }

    [Fact]
    public void Nothing_waiting_is_never_a_stall()
    {
        var watch = new StallWatch(TimeSpan.FromMinutes(3), () => _now);
        watch.IsStalled(produced: 400, scored: 400);

        _now += TimeSpan.FromHours(1);
        Assert.False(watch.IsStalled(produced: 400, scored: 400));
    }
}
