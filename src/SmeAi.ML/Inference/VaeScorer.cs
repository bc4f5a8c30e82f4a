using System.Numerics.Tensors;
using SmeAi.ML.Models;

namespace SmeAi.ML.Inference;

/// <summary>
/// Reconstruction-error scorer of a VAE: the deterministic path standardise -> encoder -> mu -> decoder; the raw
/// score is the mean squared error per feature (standardised units), calibrated by the held-out empirical CDF.
/// </summary>
public sealed class VaeScorer : ScorerBase
{
    private readonly DenseNetwork _encoder;
    private readonly DenseNetwork _decoder;
    private readonly int _width;

    public VaeScorer(ModelArtifact artifact, DenseNetwork encoder, DenseNetwork decoder)
        : base(artifact)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        if (encoder.InputSize != Schema.Count || decoder.OutputSize != Schema.Count || encoder.OutputSize != decoder.InputSize)
        {
            throw new ArgumentException($"VAE shapes do not fit: encoder {encoder.InputSize}->{encoder.OutputSize}, decoder {decoder.InputSize}->{decoder.OutputSize}, schema {Schema.Count}.");
        }

        _encoder = encoder;
        _decoder = decoder;
        _width = Math.Max(encoder.ScratchSize, decoder.ScratchSize);
    }

    public DenseNetwork Encoder => _encoder;

    public DenseNetwork Decoder => _decoder;

    protected override int ScratchSize => (2 * Schema.Count) + _encoder.OutputSize + _width;

    /// <summary>Writes the reconstruction (standardised units) of a standardised row; used by the parity checks.</summary>
    public void Reconstruct(ReadOnlySpan<float> normalized, Span<float> reconstruction)
    {
        var scratch = new float[_encoder.OutputSize + _width];
        var latent = scratch.AsSpan(0, _encoder.OutputSize);
        _encoder.Forward(normalized, latent, scratch.AsSpan(_encoder.OutputSize));
        _decoder.Forward(latent, reconstruction, scratch.AsSpan(_encoder.OutputSize));
    }

    /// <summary>
    /// Writes the reconstruction of a raw row in the features' original units: standardised with this version's
    /// normaliser, reconstructed, and mapped back. Residuals of two versions compare on one scale this way, whatever
    /// spread each normaliser learned from its own training sample. Allocates; for gates and checks, not the hot path.
    /// </summary>
    public void ReconstructInOriginalUnits(ReadOnlySpan<float> row, Span<float> reconstruction)
    {
        if (reconstruction.Length < Schema.Count)
        {
            throw new ArgumentException($"The reconstruction needs room for {Schema.Count} features.", nameof(reconstruction));
        }

        Reconstruct(Normalizer.Transform(row), reconstruction);
        Normalizer.Inverse(reconstruction, reconstruction);
    }

    protected override ScoreResult Score(ReadOnlySpan<float> features, Span<FeatureContribution> topContributions, Span<float> scratch)
    {
        var n = Schema.Count;
        var normalized = scratch[..n];
        var errors = scratch.Slice(n, n);
        var latent = scratch.Slice(2 * n, _encoder.OutputSize);
        var work = scratch[((2 * n) + _encoder.OutputSize)..];

        Normalizer.Transform(features, normalized);
        _encoder.Forward(normalized, latent, work);
        _decoder.Forward(latent, errors, work);
        TensorPrimitives.Subtract(errors, normalized, errors);
        TensorPrimitives.Multiply(errors, errors, errors);
        var raw = TensorPrimitives.Sum(errors) / n;

        var count = topContributions.IsEmpty ? 0 : SelectTop(errors, topContributions);
        return new ScoreResult(Calibration.Apply(raw), raw, count);
    }
}
