namespace SmeAi.Abstractions.Models;

/// <summary>A model's registry: the current version (0 until one is promoted) and every stored version, oldest first.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelDescription(
    [property: Id(0)] string Name,
    [property: Id(1)] int CurrentVersion,
    [property: Id(2)] IReadOnlyList<ModelVersionInfo> Versions);
