using System.Collections.Immutable;

namespace SmeAi.ML.Calibration;

/// <summary>How a raw model output becomes a score in [0,1].</summary>
[GenerateSerializer]
public enum CalibrationMethod
{
    /// <summary>Fraction of held-out normal rows whose raw score is at most this one (0.99 = rarer than 99% of normal).</summary>
    EmpiricalCdf = 1,

    /// <summary>Platt scaling of a logit: <c>sigmoid(A * logit + B)</c>, fitted on a held-out slice.</summary>
    Platt = 2,
}

/// <summary>Calibration stored with a model version. Use the factories; <see cref="Apply"/> allocates nothing.</summary>
[GenerateSerializer, Immutable]
public sealed record ScoreCalibration(
    [property: Id(0)] CalibrationMethod Method,
    [property: Id(1)] ImmutableArray<float> SortedReference,
    [property: Id(2)] float PlattA,
    [property: Id(3)] float PlattB)
{
    /// <summary>Reference sets larger than this are reduced to evenly spaced quantiles.</summary>
    public const int MaxReferencePoints = 2048;

    public static ScoreCalibration EmpiricalCdf(IEnumerable<float> referenceScores)
    {
        var sorted = referenceScores.Where(float.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("An empirical CDF needs at least one finite reference score.", nameof(referenceScores));
        }

        if (sorted.Length > MaxReferencePoints)
        {
            var reduced = new float[MaxReferencePoints];
            for (var i = 0; i < reduced.Length; i++)
            {
                reduced[i] = sorted[(int)((long)i * (sorted.Length - 1) / (reduced.Length - 1))];
            }

            sorted = reduced;
        }

        return new ScoreCalibration(CalibrationMethod.EmpiricalCdf, [.. sorted], 0, 0);
    }

    public static ScoreCalibration Platt(float a, float b) => new(CalibrationMethod.Platt, [], a, b);

    /// <summary>Maps a raw score to [0,1].</summary>
    public float Apply(float raw)
    {
        if (Method == CalibrationMethod.Platt)
        {
            return 1f / (1f + MathF.Exp(-((PlattA * raw) + PlattB)));
        }

        if (float.IsNaN(raw))
        {
            return 1f;
        }

        // Upper bound: the number of reference scores <= raw.
        var reference = SortedReference.AsSpan();
        int low = 0, high = reference.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (reference[mid] <= raw)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return (float)low / reference.Length;
    }
}
