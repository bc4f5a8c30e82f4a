using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace SmeAi.ML.Features;

/// <summary>
/// Per-feature standardisation learned at training time and stored with the model: <c>(x - mean) / scale</c>.
/// A constant column (standard deviation below <see cref="MinimumStd"/> relative to its magnitude) gets scale 1,
/// so it contributes nothing on training data and its raw deviation shows when live data moves.
/// Standardised values are held within <see cref="MaxDeviations"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class Normalizer
{
    public const float MinimumStd = 1e-6f;

    /// <summary>
    /// Standardised values are held within this many standard deviations. A reading may be anywhere in a float's range
    /// (a controller's FLT_MAX for "no reading"); divided by a small scale it would be infinite, and infinities of both
    /// signs meet in a network as NaN. A million deviations is far out for every model and keeps the arithmetic finite.
    /// </summary>
    public const float MaxDeviations = 1e6f;

    public Normalizer(ImmutableArray<float> mean, ImmutableArray<float> scale)
    {
        if (mean.IsDefaultOrEmpty || mean.Length != scale.Length)
        {
            throw new ArgumentException("Mean and scale must be non-empty and of equal length.", nameof(scale));
        }

        if (ProblemWith(mean, scale) is { } problem)
        {
            throw new ArgumentException(problem, nameof(scale));
        }

        Mean = mean;
        Scale = scale;
    }

    /// <summary>
    /// Why equally long <paramref name="mean"/> and <paramref name="scale"/> would turn a reading into NaN or infinity (a
    /// mean that is not finite, a scale that is not finite and positive), or null. The constructor and
    /// <see cref="Training.ModelGuards"/>, which checks stored normalisers deserialized without the constructor, both ask.
    /// </summary>
    internal static string? ProblemWith(ImmutableArray<float> mean, ImmutableArray<float> scale)
    {
        for (var i = 0; i < mean.Length; i++)
        {
            if (!float.IsFinite(mean[i]))
            {
                return $"The normaliser's mean of feature {i} is {mean[i]}, not a finite number.";
            }

            if (!(scale[i] > 0) || !float.IsFinite(scale[i]))
            {
                return $"The normaliser's scale of feature {i} is {scale[i]}; it must be finite and positive.";
            }
        }

        return null;
    }

    [Id(0)]
    public ImmutableArray<float> Mean { get; }

    [Id(1)]
    public ImmutableArray<float> Scale { get; }

    public int Count => Mean.Length;

    /// <summary>Learns mean and standard deviation per column (two-pass, in double precision).</summary>
    public static Normalizer Fit(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("Cannot fit a normalizer on no rows.", nameof(rows));
        }

        var width = rows[0].Length;
        var sum = new double[width];
        foreach (var row in rows)
        {
            if (row.Length != width)
            {
                throw new ArgumentException($"Every row must have {width} values.", nameof(rows));
            }

            for (var i = 0; i < width; i++)
            {
                sum[i] += row[i];
            }
        }

        var mean = new float[width];
        for (var i = 0; i < width; i++)
        {
            mean[i] = (float)(sum[i] / rows.Count);
        }

        var squares = new double[width];
        foreach (var row in rows)
        {
            for (var i = 0; i < width; i++)
            {
                var d = row[i] - (double)mean[i];
                squares[i] += d * d;
            }
        }

        var scale = new float[width];
        for (var i = 0; i < width; i++)
        {
            var std = Math.Sqrt(squares[i] / rows.Count);
            scale[i] = std < MinimumStd * Math.Max(1.0, Math.Abs(mean[i])) || !double.IsFinite(std) ? 1f : (float)std;
        }

        return new Normalizer([.. mean], [.. scale]);
    }

    /// <summary>Writes the standardised row into <paramref name="destination"/>; no allocation.</summary>
    public void Transform(ReadOnlySpan<float> row, Span<float> destination)
    {
        if (row.Length != Count || destination.Length < Count)
        {
            throw new ArgumentException($"Expected {Count} features, got {row.Length}.", nameof(row));
        }

        TensorPrimitives.Subtract(row, Mean.AsSpan(), destination);
        TensorPrimitives.Divide(destination[..Count], Scale.AsSpan(), destination);
        TensorPrimitives.Clamp(destination[..Count], -MaxDeviations, MaxDeviations, destination);
    }

    public float[] Transform(ReadOnlySpan<float> row)
    {
        var result = new float[Count];
        Transform(row, result);
        return result;
    }

    /// <summary>Maps a standardised row back to raw units.</summary>
    public void Inverse(ReadOnlySpan<float> normalized, Span<float> destination)
    {
        TensorPrimitives.Multiply(normalized[..Count], Scale.AsSpan(), destination);
        TensorPrimitives.Add(destination[..Count], Mean.AsSpan(), destination);
    }
}
