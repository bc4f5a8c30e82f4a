namespace SmeAi.Abstractions.Models;

/// <summary>A version with its payload: what a silo's model cache loads.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelPackage(
    [property: Id(0)] ModelVersionInfo Info,
    [property: Id(1)] byte[] Payload);
