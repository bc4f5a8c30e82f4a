using SmeAi.ML.Models;

namespace SmeAi.ML.Inference;

/// <summary>Probability of the positive class (churn, failure within the horizon): MLP logit -> Platt scaling.</summary>
public sealed class ClassifierScorer : ScorerBase
{
    private readonly DenseNetwork _network;

    public ClassifierScorer(ModelArtifact artifact, DenseNetwork network)
        : base(artifact)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.InputSize != Schema.Count || network.OutputSize != 1)
        {
            throw new ArgumentException($"A classifier network must map {Schema.Count} features to one logit; got {network.InputSize}->{network.OutputSize}.", nameof(network));
        }

        _network = network;
    }

    public DenseNetwork Network => _network;

    protected override int ScratchSize => Schema.Count + 1 + _network.ScratchSize;

    protected override ScoreResult Score(ReadOnlySpan<float> features, Span<FeatureContribution> topContributions, Span<float> scratch)
    {
        var n = Schema.Count;
        var normalized = scratch[..n];
        var logit = scratch.Slice(n, 1);
        Normalizer.Transform(features, normalized);
        _network.Forward(normalized, logit, scratch[(n + 1)..]);
        return new ScoreResult(Calibration.Apply(logit[0]), logit[0], 0);
    }
}
