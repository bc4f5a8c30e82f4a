using SmeAi.ML.Models;

namespace SmeAi.ML.Inference;

/// <summary>
/// The WGAN critic as a second anomaly signal: a high critic value means "looks like the rare class"; the score is
/// the fraction of reference (normal) rows whose critic value is at most this row's.
/// </summary>
public sealed class CriticScorer : ScorerBase
{
    private readonly DenseNetwork _network;

    public CriticScorer(ModelArtifact artifact, DenseNetwork network)
        : base(artifact)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.InputSize != Schema.Count || network.OutputSize != 1)
        {
            throw new ArgumentException($"A critic network must map {Schema.Count} features to one value; got {network.InputSize}->{network.OutputSize}.", nameof(network));
        }

        _network = network;
    }

    protected override int ScratchSize => Schema.Count + 1 + _network.ScratchSize;

    protected override ScoreResult Score(ReadOnlySpan<float> features, Span<FeatureContribution> topContributions, Span<float> scratch)
    {
        var n = Schema.Count;
        var normalized = scratch[..n];
        var value = scratch.Slice(n, 1);
        Normalizer.Transform(features, normalized);
        _network.Forward(normalized, value, scratch[(n + 1)..]);
        return new ScoreResult(Calibration.Apply(value[0]), value[0], 0);
    }
}
