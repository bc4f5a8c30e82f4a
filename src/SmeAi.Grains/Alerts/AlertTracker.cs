using SmeAi.Abstractions.Outputs;

namespace SmeAi.Grains.Alerts;

/// <summary>An entity's alert state, persisted with the entity: the open alert, the run of high scores, the last raise.</summary>
[GenerateSerializer]
public sealed class AlertTracker
{
    [Id(0)]
    public Alert? Open { get; set; }

    /// <summary>Consecutive scores at or above the raise threshold while no alert is open.</summary>
    [Id(1)]
    public int HighRun { get; set; }

    [Id(2)]
    public DateTimeOffset? LastRaisedTs { get; set; }

    /// <summary>Churn only: the band last published to <c>churn-scores</c>, and when.</summary>
    [Id(3)]
    public string? LastBand { get; set; }

    [Id(4)]
    public DateTimeOffset? LastUpdateTs { get; set; }
}
