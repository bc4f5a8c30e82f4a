using SmeAi.ML.Models;

namespace SmeAi.ML.Inference;

/// <summary>
/// Probability of the positive class (churn, failure within the horizon): MLP logit -> Platt scaling. A classifier
/// trained as a seed ensemble carries several networks; its logit is their mean.
/// </summary>
public sealed class ClassifierScorer : ScorerBase
{
    private readonly DenseNetwork[] _networks;
    private readonly int _scratchSize;

    public ClassifierScorer(ModelArtifact artifact, IReadOnlyList<DenseNetwork> networks)
        : base(artifact)
    {
        ArgumentNullException.ThrowIfNull(networks);
        if (networks.Count == 0)
        {
            throw new ArgumentException("A classifier needs at least one network.", nameof(networks));
        }

        foreach (var network in networks)
        {
            if (network.InputSize != Schema.Count || network.OutputSize != 1)
            {
                throw new ArgumentException($"A classifier network must map {Schema.Count} features to one logit; got {network.InputSize}->{network.OutputSize}.", nameof(networks));
            }
        }

        _networks = [.. networks];

        // Computed once: a LINQ Max per score allocated an enumerator on the hot path.
        _scratchSize = Schema.Count + 1 + _networks.Max(n => n.ScratchSize);
    }

    /// <summary>The networks whose logits are averaged (one unless trained as an ensemble).</summary>
    public IReadOnlyList<DenseNetwork> Networks => _networks;

    protected override int ScratchSize => _scratchSize;

    protected override ScoreResult Score(ReadOnlySpan<float> features, Span<FeatureContribution> topContributions, Span<float> scratch)
    {
        var n = Schema.Count;
        var normalized = scratch[..n];
        var logit = scratch.Slice(n, 1);
        Normalizer.Transform(features, normalized);
        var sum = 0f;
        foreach (var network in _networks)
        {
            network.Forward(normalized, logit, scratch[(n + 1)..]);
            sum += logit[0];
        }

        var mean = sum / _networks.Length;
        return new ScoreResult(Calibration.Apply(mean), mean, 0);
    }
}
