using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

public sealed class RiskFeaturesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_burst_of_failures_is_counted_within_fifteen_minutes_and_forgotten_after()
    {
        var state = new RiskState();
        for (var i = 0; i < 5; i++)
        {
            RiskFeatures.RowThenLearn(state, Event("auth_failure", Start.AddMinutes(i)));
        }

        var during = RiskFeatures.RowThenLearn(state, Event("auth_failure", Start.AddMinutes(5)));
        var later = RiskFeatures.RowThenLearn(state, Event("auth_success", Start.AddMinutes(40)));

        Assert.Equal(5, Value(during, "failures_15m"));
        Assert.Equal(1, Value(during, "auth_failure"));
        Assert.Equal(0, Value(later, "failures_15m"));
    }

    [Fact]
    public void A_flood_of_failures_saturates_the_count_at_its_bound_instead_of_growing_the_state_with_it()
    {
        var state = new RiskState();
        float[] last = [];
        for (var i = 0; i < RiskFeatures.MaxRecentFailures + 500; i++)
        {
            last = RiskFeatures.RowThenLearn(state, Event("auth_failure", Start.AddMilliseconds(i * 500)));
        }

        Assert.Equal(RiskFeatures.MaxRecentFailures, Value(last, "failures_15m"));
        Assert.Equal(RiskFeatures.MaxRecentFailures, state.RecentFailures.Count);
        // The newest are the ones kept, so the window still forgets them on time.
        Assert.Equal(Start.AddMilliseconds((RiskFeatures.MaxRecentFailures + 499) * 500), state.RecentFailures[^1]);
        var later = RiskFeatures.RowThenLearn(state, Event("auth_success", Start.AddMinutes(40)));
        Assert.Equal(0, Value(later, "failures_15m"));
    }

    [Fact]
    public void A_new_country_soon_after_another_is_flagged_as_new_and_as_a_fast_change()
    {
        var state = new RiskState();
        RiskFeatures.RowThenLearn(state, Event("auth_success", Start, country: "DE"));
        var home = RiskFeatures.RowThenLearn(state, Event("auth_success", Start.AddHours(3), country: "DE"));
        var travel = RiskFeatures.RowThenLearn(state, Event("auth_success", Start.AddHours(3).AddMinutes(10), country: "BR"));

        Assert.Equal((0, 0), (Value(home, "new_country"), Value(home, "country_change_fast")));
        Assert.Equal((1, 1), (Value(travel, "new_country"), Value(travel, "country_change_fast")));
    }

    [Fact]
    public void A_transfer_far_above_the_subjects_usual_volume_stands_out()
    {
        var state = new RiskState();
        for (var i = 0; i < 20; i++)
        {
            RiskFeatures.RowThenLearn(state, Event("data_transfer", Start.AddMinutes(i), bytes: 2_000));
        }

        var usual = RiskFeatures.RowThenLearn(state, Event("data_transfer", Start.AddMinutes(30), bytes: 2_100));
        var exfiltration = RiskFeatures.RowThenLearn(state, Event("data_transfer", Start.AddMinutes(31), bytes: 5_000_000_000));

        Assert.InRange(Value(usual, "bytes_vs_usual"), -0.5f, 0.5f);
        Assert.True(Value(exfiltration, "bytes_vs_usual") > 10);
    }

    private static float Value(float[] row, string name) => row[RiskFeatures.Names.ToList().IndexOf(name)];

    private static SecurityEvent Event(string type, DateTimeOffset ts, string country = "DE", long? bytes = null) =>
        new("alice", ts, type, "203.0.113.9", country, "laptop-3", bytes, "crm", null);
}
