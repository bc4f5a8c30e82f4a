namespace SmeAi.Abstractions.Entities;

/// <summary>What erasing one entity's grain (right to erasure) removed.</summary>
/// <param name="EntityId">The erased entity's id.</param>
/// <param name="EventsForgotten">Events the grain had applied; its state no longer counts them.</param>
/// <param name="TrainingSamplesRemoved">Samples of the entity removed from the trainers of the models it fed.</param>
[GenerateSerializer, Immutable]
public sealed record EntityErasure(
    [property: Id(0)] string EntityId,
    [property: Id(1)] long EventsForgotten,
    [property: Id(2)] int TrainingSamplesRemoved);
