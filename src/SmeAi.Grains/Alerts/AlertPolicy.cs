namespace SmeAi.Grains.Alerts;

/// <summary>
/// The alert state machine of one entity: raise after k consecutive scores at or above the raise threshold (or at once
/// on an urgent rule signal), unless an alert is open or the last raise is within the cooldown; clear an open alert when
/// a score falls below the clear threshold. Pure: the caller applies the returned transition.
/// </summary>
public static class AlertPolicy
{
    public static AlertTransition Next(AlertTracker tracker, DomainAlertOptions options, double score, DateTimeOffset ts, bool urgent)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(options);
        if (tracker.Open is not null)
        {
            return score < options.ClearThreshold ? AlertTransition.Clear : AlertTransition.None;
        }

        tracker.HighRun = score >= options.RaiseThreshold ? tracker.HighRun + 1 : 0;
        var due = tracker.HighRun >= options.ConsecutiveScores || (urgent && score >= options.RaiseThreshold);
        if (!due || (tracker.LastRaisedTs is { } last && ts - last < options.Cooldown))
        {
            return AlertTransition.None;
        }

        tracker.HighRun = 0;
        return AlertTransition.Raise;
    }
}
