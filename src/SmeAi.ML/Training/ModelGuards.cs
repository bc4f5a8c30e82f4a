using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;

namespace SmeAi.ML.Training;

/// <summary>
/// The checks every trainer runs before publishing, also usable by the model grain on an artifact it receives
/// (<see cref="Validate"/>). Each returns null when the check passes.
/// </summary>
public static class ModelGuards
{
    /// <summary>Held-out rows below this leave calibration meaningless, whatever the options say.</summary>
    public const int MinimumHeldOutRows = 20;

    public static TrainingRefusal? CheckRows(IReadOnlyList<float[]> rows, int featureCount, int minimumRows, string what = "rows")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < minimumRows)
        {
            return new(RefusalReason.TooLittleData, $"{rows.Count} {what}, at least {minimumRows} are required.");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row is null || row.Length != featureCount)
            {
                return new(RefusalReason.InvalidData, $"Row {r} has {row?.Length ?? 0} values; the schema has {featureCount}.");
            }

            foreach (var value in row)
            {
                if (!float.IsFinite(value))
                {
                    return new(RefusalReason.InvalidData, $"Row {r} holds a NaN or infinite value.");
                }
            }
        }

        return null;
    }

    public static TrainingRefusal? CheckWeights(IEnumerable<DenseNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var index = 0;
        foreach (var network in networks)
        {
            for (var l = 0; l < network.Layers.Length; l++)
            {
                if (!network.Layers[l].IsFinite())
                {
                    return new(RefusalReason.NonFiniteWeights, $"Network {index}, layer {l} has NaN or infinite weights.");
                }
            }

            index++;
        }

        return null;
    }

    /// <summary>Refuses when the held-out raw scores have a standard deviation at or below <paramref name="minimumStd"/>.</summary>
    public static TrainingRefusal? CheckScoreSpread(ReadOnlySpan<float> heldOutRawScores, double minimumStd, out double std)
    {
        std = 0;
        if (heldOutRawScores.Length < 2)
        {
            return new(RefusalReason.TooLittleData, "Fewer than two held-out scores.");
        }

        double mean = 0;
        foreach (var score in heldOutRawScores)
        {
            if (!float.IsFinite(score))
            {
                return new(RefusalReason.NonFiniteWeights, "A held-out score is NaN or infinite.");
            }

            mean += score;
        }

        mean /= heldOutRawScores.Length;
        double squares = 0;
        foreach (var score in heldOutRawScores)
        {
            squares += (score - mean) * (score - mean);
        }

        std = Math.Sqrt(squares / (heldOutRawScores.Length - 1));
        return std <= minimumStd
            ? new(RefusalReason.DegenerateScores, $"Held-out scores have standard deviation {std:G3} (minimum {minimumStd:G3}): the model ranks nothing.")
            : null;
    }

    /// <summary>
    /// Refuses a normaliser that does not fit <paramref name="featureCount"/> features or would turn a reading into NaN
    /// or infinity. Its constructor checks the scales, but a stored artifact is deserialized without running it.
    /// </summary>
    public static TrainingRefusal? CheckNormalizer(Normalizer? normalizer, int featureCount)
    {
        if (normalizer is null || normalizer.Mean.IsDefault || normalizer.Scale.IsDefault)
        {
            return new(RefusalReason.InvalidData, "The normaliser is missing.");
        }

        if (normalizer.Mean.Length != featureCount || normalizer.Scale.Length != featureCount)
        {
            return new(
                RefusalReason.InvalidData,
                $"The normaliser has {normalizer.Mean.Length} means and {normalizer.Scale.Length} scales; the schema has {featureCount} features.");
        }

        return Normalizer.ProblemWith(normalizer.Mean, normalizer.Scale) is { } problem ? new(RefusalReason.InvalidData, problem) : null;
    }

    /// <summary>
    /// Refuses a calibration that would map scores to NaN or out of order: Platt parameters that are not finite, or an
    /// empirical CDF whose reference is empty, not finite or not sorted (its lookup is a binary search).
    /// </summary>
    public static TrainingRefusal? CheckCalibration(ScoreCalibration? calibration)
    {
        switch (calibration?.Method)
        {
            case CalibrationMethod.Platt:
                return float.IsFinite(calibration.PlattA) && float.IsFinite(calibration.PlattB)
                    ? null
                    : new(RefusalReason.InvalidData, $"The Platt calibration's parameters (A {calibration.PlattA}, B {calibration.PlattB}) are not finite.");
            case CalibrationMethod.EmpiricalCdf:
                var reference = calibration.SortedReference;
                if (reference.IsDefaultOrEmpty)
                {
                    return new(RefusalReason.InvalidData, "The empirical CDF calibration has no reference scores.");
                }

                for (var i = 0; i < reference.Length; i++)
                {
                    // Also false for NaN.
                    if (!float.IsFinite(reference[i]) || (i > 0 && !(reference[i] >= reference[i - 1])))
                    {
                        return new(RefusalReason.InvalidData, $"The empirical CDF calibration's reference score {i} ({reference[i]}) is not finite or out of order.");
                    }
                }

                return null;
            default:
                return new(RefusalReason.InvalidData, $"The calibration method {calibration?.Method.ToString() ?? "(none)"} is unknown.");
        }
    }

    /// <summary>
    /// Checks an artifact before it is published or loaded: readable weights of the right shape, all finite; a finite
    /// normaliser that fits the schema; a calibration that maps every score into [0,1] in order; finite reference scores.
    /// </summary>
    public static TrainingRefusal? Validate(ModelArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (artifact.Schema is null)
        {
            return new(RefusalReason.InvalidData, "The artifact has no feature schema.");
        }

        if ((CheckNormalizer(artifact.Normalizer, artifact.Schema.Count) ?? CheckCalibration(artifact.Calibration)) is { } partRefusal)
        {
            return partRefusal;
        }

        // The drift check's expected sample (PopulationStability refuses a value that is not finite).
        var reference = artifact.Metrics?.ReferenceScores ?? [];
        for (var i = 0; !reference.IsDefault && i < reference.Length; i++)
        {
            if (!float.IsFinite(reference[i]))
            {
                return new(RefusalReason.InvalidData, $"Reference score {i} is {reference[i]}; drift checks need finite scores.");
            }
        }

        IReadOnlyList<DenseNetwork> networks;
        try
        {
            networks = WeightsCodec.Read(artifact.Weights.Span);
        }
        catch (InvalidDataException ex)
        {
            return new(RefusalReason.InvalidData, "The weights file cannot be read: " + ex.Message);
        }

        if (CheckWeights(networks) is { } refusal)
        {
            return refusal;
        }

        try
        {
            _ = ModelScorer.Create(artifact);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException)
        {
            return new(RefusalReason.InvalidData, "The artifact does not form a scorer: " + ex.Message);
        }

        return null;
    }
}
