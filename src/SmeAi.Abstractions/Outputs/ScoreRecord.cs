namespace SmeAi.Abstractions.Outputs;

/// <summary>
/// The score of one input event, published to <see cref="TopicNames.Scores"/> for every event the entity grains apply.
/// Events scored before any model existed carry score 0, version 0 and <see cref="Warmup"/> true.
/// </summary>
/// <param name="Domain"><c>equipment</c>, <c>churn</c> or <c>security</c>.</param>
/// <param name="EntityId">Machine, customer or subject id.</param>
/// <param name="Ts">The event's time.</param>
/// <param name="Score">Score in [0,1].</param>
/// <param name="ModelName">The model that produced it (or would have, during warm-up).</param>
/// <param name="ModelVersion">Its version; 0 during warm-up.</param>
/// <param name="Band">Churn band, or severity band for the other domains (<c>low</c>, <c>medium</c>, <c>high</c>).</param>
/// <param name="Warmup">True when no model existed yet for this event.</param>
/// <param name="Partition">Source Kafka partition of the event.</param>
/// <param name="Offset">Source Kafka offset of the event.</param>
/// <param name="FailureRisk">
/// Machines only: the probability, from the failure classifier of the machine's sensor set
/// (<c>equipment-failure-&lt;hash&gt;</c>), that the machine fails within the label horizon; null (left out of the JSON)
/// until that classifier has a version, and for the other domains.
/// </param>
/// <param name="FailureModelVersion">The failure classifier's version that produced <paramref name="FailureRisk"/>.</param>
[GenerateSerializer, Immutable]
public sealed record ScoreRecord(
    [property: Id(0)] string Domain,
    [property: Id(1)] string EntityId,
    [property: Id(2)] DateTimeOffset Ts,
    [property: Id(3)] double Score,
    [property: Id(4)] string ModelName,
    [property: Id(5)] int ModelVersion,
    [property: Id(6)] string Band,
    [property: Id(7)] bool Warmup,
    [property: Id(8)] int Partition,
    [property: Id(9)] long Offset,
    [property: Id(10)] double? FailureRisk = null,
    [property: Id(11)] int? FailureModelVersion = null);
