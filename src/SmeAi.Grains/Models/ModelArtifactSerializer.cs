using Orleans.Serialization;
using SmeAi.Abstractions.Models;
using SmeAi.ML.Models;
using SmeAi.ML.Training;

namespace SmeAi.Grains.Models;

/// <summary>
/// Turns SmeAi.ML's <see cref="ModelArtifact"/> into the registry's opaque payload and back, with the
/// Orleans serializer the artifact is annotated for.
/// </summary>
public sealed class ModelArtifactSerializer(Serializer<ModelArtifact> serializer)
{
    /// <summary>Packs an artifact for publication; refuses one that training's guards would refuse (NaN weights and the like).</summary>
    public ModelCandidate ToCandidate(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (ModelGuards.Validate(artifact) is { } refusal)
        {
            throw new InvalidOperationException($"Model {artifact.ModelName} cannot be published: {refusal}");
        }

        return new ModelCandidate(
            artifact.Kind.ToString(),
            artifact.Schema.Hash,
            artifact.Metrics.TrainingRows,
            artifact.Metrics.HeldOutRows,
            artifact.Metrics.Values,
            serializer.SerializeToArray(artifact));
    }

    /// <summary>
    /// The artifact of a stored version, carrying the version number the registry gave it. Checked as at publication:
    /// a row written by an older build or changed in the database must not reach the scorers.
    /// </summary>
    public ModelArtifact FromPackage(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var artifact = serializer.Deserialize(package.Payload)
            ?? throw new InvalidDataException($"Model {package.Info.ModelName} version {package.Info.Version} has an empty payload.");
        if (ModelGuards.Validate(artifact) is { } refusal)
        {
            throw new InvalidDataException($"Model {package.Info.ModelName} version {package.Info.Version} is stored but cannot be loaded: {refusal}");
        }

        return artifact with { Version = package.Info.Version };
    }
}
