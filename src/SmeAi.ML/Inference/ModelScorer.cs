using SmeAi.ML.Models;

namespace SmeAi.ML.Inference;

/// <summary>Builds the managed scorer for a model artifact (decodes the weights file once).</summary>
public static class ModelScorer
{
    public static IScorer Create(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var networks = WeightsCodec.Read(artifact.Weights.Span);
        return artifact.Kind switch
        {
            ModelKind.VaeAnomaly when networks.Count == 2 => new VaeScorer(artifact, networks[0], networks[1]),
            ModelKind.Classifier when networks.Count >= 1 => new ClassifierScorer(artifact, networks),
            ModelKind.GanCritic when networks.Count == 1 => new CriticScorer(artifact, networks[0]),
            _ => throw new InvalidDataException($"A {artifact.Kind} model cannot have {networks.Count} networks."),
        };
    }
}
