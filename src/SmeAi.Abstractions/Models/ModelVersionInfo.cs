namespace SmeAi.Abstractions.Models;

/// <summary>One stored version, without its payload.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelVersionInfo(
    [property: Id(0)] string ModelName,
    [property: Id(1)] int Version,
    [property: Id(2)] string Kind,
    [property: Id(3)] string SchemaHash,
    [property: Id(4)] int TrainingRows,
    [property: Id(5)] int HeldOutRows,
    [property: Id(6)] IReadOnlyDictionary<string, double> Metrics,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? PromotedAt);
