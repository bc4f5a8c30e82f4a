namespace SmeAi.Abstractions.Entities;

/// <summary>What an entity grain has applied so far.</summary>
/// <param name="EntityId">The entity's id (the grain key).</param>
/// <param name="EventsProcessed">Distinct events applied; redelivered duplicates are not counted.</param>
/// <param name="LastEventTs">Event time of the latest applied event, if any.</param>
[GenerateSerializer, Immutable]
public sealed record EntitySnapshot(
    [property: Id(0)] string EntityId,
    [property: Id(1)] long EventsProcessed,
    [property: Id(2)] DateTimeOffset? LastEventTs);
