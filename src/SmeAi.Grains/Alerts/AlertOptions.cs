namespace SmeAi.Grains.Alerts;

/// <summary>
/// Alerting per domain, bound from <c>Alerts</c>. Model scores are calibrated so that 0.99 means "rarer than 99% of
/// normal"; the defaults ask for several consecutive rare scores (or a rule signal) before raising, which keeps false
/// alerts of busy entities rare.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    public DomainAlertOptions Equipment { get; set; } = new()
    {
        RaiseThreshold = 0.995, ClearThreshold = 0.9, ConsecutiveScores = 5, Cooldown = TimeSpan.FromHours(2),
        HighSeverityAt = 0.998, CriticalSeverityAt = 0.9995,
    };

    public DomainAlertOptions Churn { get; set; } = new()
    {
        RaiseThreshold = 0.6, ClearThreshold = 0.45, ConsecutiveScores = 2, Cooldown = TimeSpan.FromDays(7),
        HighSeverityAt = 0.75, CriticalSeverityAt = 0.9,
    };

    public DomainAlertOptions Security { get; set; } = new()
    {
        RaiseThreshold = 0.998, ClearThreshold = 0.9, ConsecutiveScores = 3, Cooldown = TimeSpan.FromMinutes(30),
        HighSeverityAt = 0.9985, CriticalSeverityAt = 0.9995, ModelAloneCap = 0.99,
    };

    /// <summary>Churn probability at or above this is band <c>medium</c>.</summary>
    public double ChurnMediumBandAt { get; set; } = 0.3;

    /// <summary>Churn probability at or above this is band <c>high</c>.</summary>
    public double ChurnHighBandAt { get; set; } = 0.6;

    /// <summary>A customer's churn score is also published to <c>churn-scores</c> at least this often (event time), band change or not.</summary>
    public TimeSpan ChurnUpdateInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Readings of a machine before its own baseline is trusted for alerting.</summary>
    public int BaselineWarmup { get; set; } = 30;

    public DomainAlertOptions For(string domain) => domain switch
    {
        Abstractions.Outputs.AlertDomains.Equipment => Equipment,
        Abstractions.Outputs.AlertDomains.Churn => Churn,
        Abstractions.Outputs.AlertDomains.Security => Security,
        _ => throw new ArgumentOutOfRangeException(nameof(domain), domain, "unknown domain"),
    };

    public string ChurnBandOf(double probability) =>
        probability >= ChurnHighBandAt ? "high" : probability >= ChurnMediumBandAt ? "medium" : "low";
}
