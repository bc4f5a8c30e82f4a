namespace SmeAi.Abstractions.Entities;

/// <summary>What an entity grain has applied and scored so far.</summary>
/// <param name="EntityId">The entity's id (the grain key).</param>
/// <param name="EventsProcessed">Distinct events applied; redelivered duplicates are not counted.</param>
/// <param name="LastEventTs">Event time of the latest applied event, if any.</param>
/// <param name="LastScore">The latest score in [0,1], null until a model has scored this entity.</param>
/// <param name="ModelName">The model that gave <paramref name="LastScore"/>.</param>
/// <param name="ModelVersion">Its version (0 when nothing was scored yet).</param>
/// <param name="RecentScores">The latest scores, oldest first.</param>
/// <param name="OpenAlert">The entity's open alert, if any.</param>
/// <param name="FailureRisk">Machines: the latest probability of failure within the label horizon, once a failure model exists.</param>
[GenerateSerializer, Immutable]
public sealed record EntitySnapshot(
    [property: Id(0)] string EntityId,
    [property: Id(1)] long EventsProcessed,
    [property: Id(2)] DateTimeOffset? LastEventTs,
    [property: Id(3)] double? LastScore,
    [property: Id(4)] string? ModelName,
    [property: Id(5)] int ModelVersion,
    [property: Id(6)] IReadOnlyList<ScorePoint> RecentScores,
    [property: Id(7)] SmeAi.Abstractions.Outputs.Alert? OpenAlert,
    [property: Id(8)] FailureRisk? FailureRisk = null);

/// <summary>A machine's probability of failing within the failure model's label horizon, and the model that gave it.</summary>
[GenerateSerializer, Immutable]
public sealed record FailureRisk(
    [property: Id(0)] DateTimeOffset Ts,
    [property: Id(1)] double Probability,
    [property: Id(2)] string ModelName,
    [property: Id(3)] int ModelVersion);

/// <summary>One score of an event, with the model version that produced it.</summary>
[GenerateSerializer, Immutable]
public sealed record ScorePoint(
    [property: Id(0)] DateTimeOffset Ts,
    [property: Id(1)] double Score,
    [property: Id(2)] int ModelVersion);
