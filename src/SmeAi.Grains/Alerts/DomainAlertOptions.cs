namespace SmeAi.Grains.Alerts;

/// <summary>When one domain raises and clears an alert. Times are event time, so a replay alerts as the live run did.</summary>
public sealed class DomainAlertOptions
{
    /// <summary>A score at or above this counts towards raising an alert.</summary>
    public double RaiseThreshold { get; set; }

    /// <summary>An open alert clears when a score falls below this (hysteresis: lower than <see cref="RaiseThreshold"/>).</summary>
    public double ClearThreshold { get; set; }

    /// <summary>Consecutive scores at or above <see cref="RaiseThreshold"/> needed to raise (k).</summary>
    public int ConsecutiveScores { get; set; } = 1;

    /// <summary>After a raise, the same entity is not alerted again for this long.</summary>
    public TimeSpan Cooldown { get; set; }

    /// <summary>An alert whose score is at or above this is <c>high</c>; below, <c>medium</c>.</summary>
    public double HighSeverityAt { get; set; }

    /// <summary>An alert whose score is at or above this is <c>critical</c>.</summary>
    public double CriticalSeverityAt { get; set; }

    /// <summary>
    /// The model's score counts at most this much when no rule signal fired (1 = no cap). Security uses 0.99: odd-hour or
    /// odd-volume events of ordinary users are common, so the anomaly model escalates only together with a rule signal.
    /// </summary>
    public double ModelAloneCap { get; set; } = 1;

    public string SeverityOf(double score) =>
        score >= CriticalSeverityAt ? "critical" : score >= HighSeverityAt ? "high" : "medium";
}
