using SmeAi.Abstractions.Outputs;

namespace SmeAi.Grains.Alerts;

/// <summary>
/// Where entity grains hand their outputs: per-event scores and alert transitions. The host implements it (Kafka output
/// topics, the alert store, the dashboard stream); a write waits only when the host's bounded queue is full, so a slow
/// output slows the stream instead of losing alerts or growing memory. The alert store is the exception: it is written
/// apart, and drops (and counts) what a long database outage leaves it no room for; the topics keep every alert.
/// </summary>
public interface IOutputSink
{
    ValueTask PublishScoreAsync(ScoreRecord score);

    ValueTask PublishAlertAsync(Alert alert);

    /// <summary>A churn band change or periodic churn score (status <c>update</c>), for the <c>churn-scores</c> topic only.</summary>
    ValueTask PublishChurnUpdateAsync(Alert update);

    /// <summary>
    /// Completes once every output published before the call is durably written (acknowledged by Kafka). Grains call
    /// it before persisting state: state that says "applied" must never outlive the outputs of the events it covers,
    /// or a replay after a crash would skip events whose outputs were lost.
    /// </summary>
    ValueTask FlushAsync();

    /// <summary>
    /// <see cref="FlushAsync"/>, and also until the alerts published before the call have been through the alert store
    /// (stored, or given up on). An erasure calls it before the entity's stored alerts are deleted, so none is stored
    /// after the deletion; state writes do not, so a slow or failing store never holds up the stream.
    /// </summary>
    ValueTask FlushThroughAlertStoreAsync();
}
