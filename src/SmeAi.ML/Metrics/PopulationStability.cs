using System.Numerics;

namespace SmeAi.ML.Metrics;

/// <summary>
/// Population stability index: <c>sum (a - e) * ln(a / e)</c> over bins, where <c>e</c> and <c>a</c> are the expected
/// (training) and actual (live) proportions. Common reading: below 0.1 stable, 0.1-0.25 moderate shift, above 0.25 drift.
/// </summary>
public static class PopulationStability
{
    /// <summary>Proportions below this are raised to it, so an empty bin gives a large but finite term.</summary>
    public const double Floor = 1e-4;

    /// <summary>PSI of two proportion vectors over the same bins.</summary>
    /// <exception cref="ArgumentException">A proportion is NaN or infinite (the index would be NaN).</exception>
    public static double Index(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length || expected.Length == 0)
        {
            throw new ArgumentException("Expected and actual need the same, non-zero number of bins.", nameof(actual));
        }

        RequireFinite(expected, nameof(expected));
        RequireFinite(actual, nameof(actual));

        double psi = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Max(expected[i], Floor);
            var a = Math.Max(actual[i], Floor);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    /// <summary>
    /// PSI of two samples, with bins at the quantiles of <paramref name="expected"/> (equal-frequency bins; duplicate
    /// edges from ties are merged). Values equal to an edge fall in the lower bin.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A value of either sample is NaN or infinite. Sorted first, NaN became the lowest bin edges and the index a
    /// silently wrong number; callers drop such scores before they collect a sample (the trainer grain does).
    /// </exception>
    public static double Index(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (expected.IsEmpty || actual.IsEmpty)
        {
            throw new ArgumentException("Both samples must be non-empty.", nameof(actual));
        }

        RequireFinite(expected, nameof(expected));
        RequireFinite(actual, nameof(actual));

        var sorted = expected.ToArray();
        Array.Sort(sorted);
        var edges = new List<float>();
        for (var b = 1; b < bins; b++)
        {
            var edge = sorted[(int)Math.Ceiling((double)b * sorted.Length / bins) - 1];
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        var e = Proportions(expected, edges);
        var a = Proportions(actual, edges);
        return Index(e, a);
    }

    private static void RequireFinite<T>(ReadOnlySpan<T> values, string name)
        where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                throw new ArgumentException($"Value {i} of the {name} sample is {values[i]}; PSI needs finite values.", name);
            }
        }
    }

    private static double[] Proportions(ReadOnlySpan<float> sample, List<float> edges)
    {
        var counts = new double[edges.Count + 1];
        foreach (var value in sample)
        {
            var bin = edges.BinarySearch(value);
            counts[bin >= 0 ? bin : ~bin]++;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] /= sample.Length;
        }

        return counts;
    }
}
