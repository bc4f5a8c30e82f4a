namespace SmeAi.Abstractions.Models;

/// <summary>
/// A trained model on its way into the registry. <see cref="Payload"/> is the serialized model artifact
/// (SmeAi.ML's <c>ModelArtifact</c>, Orleans-serialized) so this contract stays free of the ML libraries.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModelCandidate(
    [property: Id(0)] string Kind,
    [property: Id(1)] string SchemaHash,
    [property: Id(2)] int TrainingRows,
    [property: Id(3)] int HeldOutRows,
    [property: Id(4)] IReadOnlyDictionary<string, double> Metrics,
    [property: Id(5)] byte[] Payload);
