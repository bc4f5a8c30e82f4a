using System.Buffers;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Models;

namespace SmeAi.ML.Inference;

/// <summary>Shared state and scratch-space handling of the managed scorers.</summary>
public abstract class ScorerBase : IScorer
{
    /// <summary>Scratch up to this many floats (4 KiB) is stackalloc'ed; wider models rent from the shared pool.</summary>
    protected const int StackScratchLimit = 1024;

    protected ScorerBase(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        Artifact = artifact;
        if (artifact.Normalizer.Count != artifact.Schema.Count)
        {
            throw new ArgumentException($"The normalizer has {artifact.Normalizer.Count} columns but the schema {artifact.Schema.Count}.", nameof(artifact));
        }
    }

    public ModelArtifact Artifact { get; }

    public string ModelName => Artifact.ModelName;

    public int ModelVersion => Artifact.Version;

    public ModelKind Kind => Artifact.Kind;

    public FeatureSchema Schema => Artifact.Schema;

    protected Normalizer Normalizer => Artifact.Normalizer;

    protected ScoreCalibration Calibration => Artifact.Calibration;

    public ScoreResult Score(ReadOnlySpan<float> features, Span<FeatureContribution> topContributions)
    {
        if (features.Length != Schema.Count)
        {
            throw new ArgumentException($"Model {ModelName} v{ModelVersion} expects {Schema.Count} features ({Schema.Hash}); got {features.Length}.", nameof(features));
        }

        var needed = ScratchSize;
        float[]? rented = null;
        var scratch = needed <= StackScratchLimit ? stackalloc float[needed] : (rented = ArrayPool<float>.Shared.Rent(needed));
        try
        {
            return Score(features, topContributions, scratch[..needed]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>How many floats of scratch <see cref="Score(ReadOnlySpan{float}, Span{FeatureContribution}, Span{float})"/> needs.</summary>
    protected abstract int ScratchSize { get; }

    protected abstract ScoreResult Score(ReadOnlySpan<float> features, Span<FeatureContribution> topContributions, Span<float> scratch);

    /// <summary>Writes the largest values of <paramref name="values"/> into <paramref name="top"/>, largest first; returns how many.</summary>
    protected static int SelectTop(ReadOnlySpan<float> values, Span<FeatureContribution> top)
    {
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (count < top.Length)
            {
                count++;
            }
            else if (count == 0 || !(value > top[count - 1].Value))
            {
                continue;
            }

            var position = count - 1;
            while (position > 0 && top[position - 1].Value < value)
            {
                top[position] = top[position - 1];
                position--;
            }

            top[position] = new FeatureContribution(i, value);
        }

        return count;
    }
}
