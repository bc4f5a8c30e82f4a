using SmeAi.ML.Features;
using SmeAi.ML.Models;

namespace SmeAi.ML.Inference;

/// <summary>
/// An immutable, thread-safe scorer for one model version. Scoring allocates nothing: scratch space lives on the
/// calling thread's stack (or, for very wide models, in <see cref="System.Buffers.ArrayPool{T}"/>), never in the scorer.
/// </summary>
public interface IScorer
{
    string ModelName { get; }

    int ModelVersion { get; }

    ModelKind Kind { get; }

    FeatureSchema Schema { get; }

    /// <summary>
    /// Scores one row ordered as <see cref="Schema"/>. Up to <c>topContributions.Length</c> contributing
    /// features are written (largest first) where the model supports them; pass an empty span to skip that work.
    /// </summary>
    ScoreResult Score(ReadOnlySpan<float> features, Span<FeatureContribution> topContributions);
}

public static class ScorerExtensions
{
    public static ScoreResult Score(this IScorer scorer, ReadOnlySpan<float> features)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return scorer.Score(features, []);
    }

    /// <summary>Scores many rows (allocates the result); for evaluation and calibration, not the hot path.</summary>
    public static float[] ScoreAll(this IScorer scorer, IReadOnlyList<float[]> rows, bool raw = false)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(rows);
        var scores = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var result = scorer.Score(rows[i], []);
            scores[i] = raw ? result.Raw : result.Score;
        }

        return scores;
    }
}
