using SmeAi.Grains.Alerts;

namespace SmeAi.Grains.Tests.Alerts;

public sealed class AlertPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static readonly DomainAlertOptions Options = new()
    {
        RaiseThreshold = 0.9, ClearThreshold = 0.5, ConsecutiveScores = 3, Cooldown = TimeSpan.FromMinutes(30),
        HighSeverityAt = 0.95, CriticalSeverityAt = 0.99,
    };

    [Fact]
    public void Raises_only_after_k_consecutive_high_scores()
    {
        var tracker = new AlertTracker();

        var transitions = new[] { 0.95, 0.95, 0.2, 0.95, 0.95, 0.95 }
            .Select((score, i) => AlertPolicy.Next(tracker, Options, score, Start.AddSeconds(i), urgent: false))
            .ToList();

        Assert.Equal(
            [AlertTransition.None, AlertTransition.None, AlertTransition.None, AlertTransition.None, AlertTransition.None, AlertTransition.Raise],
            transitions);
    }

    [Fact]
    public void An_open_alert_stays_open_between_the_thresholds_and_clears_below_the_low_one()
    {
        var tracker = new AlertTracker { Open = SampleAlert() };

        Assert.Equal(AlertTransition.None, AlertPolicy.Next(tracker, Options, 0.6, Start, urgent: false));
        Assert.Equal(AlertTransition.None, AlertPolicy.Next(tracker, Options, 0.99, Start, urgent: true));
        Assert.Equal(AlertTransition.Clear, AlertPolicy.Next(tracker, Options, 0.4, Start, urgent: false));
    }

    [Fact]
    public void Cooldown_suppresses_a_new_raise_until_it_has_passed_in_event_time()
    {
        var tracker = new AlertTracker { LastRaisedTs = Start };

        Assert.Equal(AlertTransition.None, AlertPolicy.Next(tracker, Options, 0.99, Start.AddMinutes(10), urgent: true));
        Assert.Equal(AlertTransition.Raise, AlertPolicy.Next(tracker, Options, 0.99, Start.AddMinutes(31), urgent: true));
    }

    [Fact]
    public void An_urgent_signal_raises_at_once_but_only_with_a_score_above_the_threshold()
    {
        var tracker = new AlertTracker();

        Assert.Equal(AlertTransition.None, AlertPolicy.Next(tracker, Options, 0.5, Start, urgent: true));
        Assert.Equal(AlertTransition.Raise, AlertPolicy.Next(tracker, Options, 0.95, Start, urgent: true));
    }

    [Theory]
    [InlineData(0.92, "medium")]
    [InlineData(0.96, "high")]
    [InlineData(0.995, "critical")]
    public void Severity_follows_the_score(double score, string severity) => Assert.Equal(severity, Options.SeverityOf(score));

    private static Abstractions.Outputs.Alert SampleAlert() =>
        new("id", "equipment", "m-1", Start, 0.95, "high", "open", "baseline", 0, [], [], null);
}
