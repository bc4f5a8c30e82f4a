namespace SmeAi.Abstractions.Outputs;

/// <summary>
/// An alert as published to the domain's output topic, stored for <c>GET /api/alerts</c> and pushed to the live
/// dashboard. <see cref="AlertId"/> is derived from domain, entity and raise time, so a replayed tail that raises the same
/// alert again is recognised as the same alert.
/// </summary>
/// <param name="AlertId">Stable id: the same raise always gets the same id.</param>
/// <param name="Domain"><c>equipment</c>, <c>churn</c> or <c>security</c>.</param>
/// <param name="EntityId">Machine, customer or subject id.</param>
/// <param name="Ts">Event time of the score that raised (or cleared) the alert.</param>
/// <param name="Score">That score in [0,1].</param>
/// <param name="Severity"><c>medium</c>, <c>high</c> or <c>critical</c>.</param>
/// <param name="Status">
/// <c>open</c> when raised, <c>cleared</c> when the score fell below the clear threshold; on <c>churn-scores</c> also
/// <c>update</c> for a band change or periodic churn score that is not an alert.
/// </param>
/// <param name="ModelName">The model behind the score (the entity's own baseline counts as <c>baseline</c>).</param>
/// <param name="ModelVersion">Its version; 0 for the baseline.</param>
/// <param name="Features">The top contributing features, value against the entity's baseline.</param>
/// <param name="Signals">Rule signals that fired (for example <c>brute_force</c>, <c>impossible_travel</c>), if any.</param>
/// <param name="Band">For churn: <c>low</c>, <c>medium</c> or <c>high</c>.</param>
/// <param name="ClearedAt">
/// Only on a stored alert (<c>GET /api/alerts</c>), once its clear was stored: the event time of the clear, while
/// <see cref="Ts"/> stays the raise's and <see cref="Status"/> says <c>cleared</c>. Null on the topics and the live stream.
/// </param>
[GenerateSerializer, Immutable]
public sealed record Alert(
    [property: Id(0)] string AlertId,
    [property: Id(1)] string Domain,
    [property: Id(2)] string EntityId,
    [property: Id(3)] DateTimeOffset Ts,
    [property: Id(4)] double Score,
    [property: Id(5)] string Severity,
    [property: Id(6)] string Status,
    [property: Id(7)] string ModelName,
    [property: Id(8)] int ModelVersion,
    [property: Id(9)] IReadOnlyList<FeatureExplanation> Features,
    [property: Id(10)] IReadOnlyList<string> Signals,
    [property: Id(11)] string? Band,
    [property: Id(12)] DateTimeOffset? ClearedAt = null)
{
    public const string StatusOpen = "open";
    public const string StatusCleared = "cleared";
    public const string StatusUpdate = "update";
}
