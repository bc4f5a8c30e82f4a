using SmeAi.LoadTests.Kafka;

namespace SmeAi.LoadTests.Tests;

/// <summary>
/// When the events of a paced load are due. A producer loop that wakes late sends a run of events at once; each must
/// carry the time it was due, spread over the late stretch, not the time it was sent (coordinated omission).
/// </summary>
public sealed class PacedScheduleTests
{
    [Fact]
    public void Events_made_due_by_a_late_wake_up_carry_their_own_due_times()
    {
        var schedule = new PacedSchedule(_ => 10);

        schedule.AdvanceTo(TimeSpan.FromSeconds(1));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => TimeSpan.FromSeconds(i / 10.0)), TakeAll(schedule), new CloseTo());
    }

    [Fact]
    public void An_event_is_not_due_before_its_time_and_counts_once()
    {
        var schedule = new PacedSchedule(_ => 10);

        schedule.AdvanceTo(TimeSpan.FromSeconds(0.25));
        var first = TakeAll(schedule);
        schedule.AdvanceTo(TimeSpan.FromSeconds(0.29));
        var none = TakeAll(schedule);
        schedule.AdvanceTo(TimeSpan.FromSeconds(0.31));
        var third = TakeAll(schedule);

        Assert.Equal([TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.2)], first, new CloseTo());
        Assert.Empty(none);
        Assert.Equal([TimeSpan.FromSeconds(0.3)], third, new CloseTo());
        Assert.Equal(3, schedule.Taken);
    }

    [Fact]
    public void A_rate_change_applies_from_the_step_it_is_read_in()
    {
        var schedule = new PacedSchedule(t => t <= TimeSpan.FromSeconds(1) ? 2 : 20);

        schedule.AdvanceTo(TimeSpan.FromSeconds(1));
        var slow = TakeAll(schedule);
        schedule.AdvanceTo(TimeSpan.FromSeconds(1.5));
        var fast = TakeAll(schedule);

        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], slow, new CloseTo());
        Assert.Equal(10, fast.Count);
        Assert.Equal(TimeSpan.FromSeconds(1.05), fast[0], new CloseTo());
        Assert.Equal(TimeSpan.FromSeconds(1.5), fast[^1], new CloseTo());
    }

    private static List<TimeSpan> TakeAll(PacedSchedule schedule)
    {
        var due = new List<TimeSpan>();
        while (schedule.TryTake(out var at))
        {
            due.Add(at);
        }

        return due;
    }

    /// <summary>Equal within a microsecond: due times are computed in floating point.</summary>
    private sealed class CloseTo : IEqualityComparer<TimeSpan>
    {
        public bool Equals(TimeSpan x, TimeSpan y) => (x - y).Duration() < TimeSpan.FromMicroseconds(1);

        public int GetHashCode(TimeSpan obj) => 0;
    }
}
