using System.Globalization;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;
using SmeAi.ML.Training;

namespace SmeAi.Grains.Training;

/// <summary>
/// One training run, pure and deterministic for its inputs: hold back a gate slice, train the
/// challenger on the rest, and compare it with the champion on the gate slice (ROC-AUC where both
/// classes are there; otherwise, for VAEs, the <see cref="ReconstructionGate"/> error of normal rows in original feature units,
/// the same scale for both versions). A row's place in the gate slice
/// depends only on its entity and event time, so it is the same in every training: no version ever trains on a
/// gate row, and the champion is not judged on rows it learned (which favoured old, overfitted champions). An anomaly
/// model's normal rows, to learn and to be judged on, are those <see cref="NormalRows"/> counts as normal. A classifier
/// is Platt-calibrated on the gate slice when it has both classes: the gate compares ranks (ROC-AUC), which calibration
/// does not change, and the classifier trains on every other row instead of losing a calibration slice of them.
/// </summary>
public static class ChallengerTraining
{
    /// <summary>A challenger may trail the champion's ROC-AUC by this much (noise of a small gate slice).</summary>
    public const double AucTolerance = 0.005;

    /// <summary>A challenger's error on the gate slice's normal rows (without labels) may exceed the champion's by this factor.</summary>
    public const double ErrorTolerance = 1.05;

    private const int MinimumPerClassForAuc = 5;

    public static ChallengerResult Train(
        string modelName,
        TrainingKind kind,
        IReadOnlyList<string> featureNames,
        IReadOnlyList<ReservoirRow> rows,
        IScorer? champion,
        TrainerOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var schema = new FeatureSchema(modelName, 1, featureNames);
        var train = new List<ReservoirRow>(rows.Count);
        var gate = new List<ReservoirRow>();
        foreach (var row in rows)
        {
            (InGate(row, options.GateFraction) ? gate : train).Add(row);
        }

        // An anomaly model learns normal rows only; once failures are reported, only rows old enough for their label to be settled.
        var settledUntil = kind == TrainingKind.Anomaly ? NormalRows.SettledUntil(train, options.LabelHorizon, options.MinimumSamples) : null;
        var result = kind == TrainingKind.Classifier
            ? ClassifierTrainer.Train(modelName, schema, [.. train.Select(r => r.Values)], [.. train.Select(r => r.Positive)],
                options.ClassifierFor(modelName), heldOut: CalibrationSlice(gate), cancellationToken: cancellationToken)
            : VaeTrainer.Train(modelName, schema, [.. train.Where(r => NormalRows.IsNormal(r, settledUntil)).Select(r => r.Values)],
                VaeOptions(options), cancellationToken);
        if (result.Artifact is not { } artifact)
        {
            return ChallengerResult.Refused(result.Refusal?.ToString() ?? "training refused without a reason", result.Refusal?.Reason == RefusalReason.TooLittleData);
        }

        var challenger = ModelScorer.Create(artifact);
        if (champion is null || champion.Schema.Hash != schema.Hash)
        {
            return new ChallengerResult(artifact, null, true, "no champion with this feature schema");
        }

        var (beats, comparison) = Compare(challenger, champion, [.. gate.Where(r => r.Positive || NormalRows.IsNormal(r, settledUntil))]);
        if (settledUntil is { } until)
        {
            comparison += FormattableString.Invariant($" (normal rows up to {until:u}, one label horizon before the newest)");
        }

        return new ChallengerResult(artifact, null, beats, comparison);
    }

    /// <summary>How an anomaly model's VAE is trained: the ML defaults, with the trainer's epochs and seed.</summary>
    public static VaeTrainingOptions VaeOptions(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new VaeTrainingOptions { Epochs = options.Epochs, Seed = options.Seed };
    }

    /// <summary>The gate slice, when it has enough rows of each class to calibrate on; otherwise null (the trainer keeps its own slice).</summary>
    private static LabelledRows? CalibrationSlice(List<ReservoirRow> gate)
    {
        var positives = gate.Count(r => r.Positive);
        return positives >= MinimumPerClassForAuc && gate.Count - positives >= MinimumPerClassForAuc && gate.Count >= ModelGuards.MinimumHeldOutRows
            ? new LabelledRows([.. gate.Select(r => r.Values)], [.. gate.Select(r => r.Positive)])
            : null;
    }

    /// <summary>Whether <paramref name="row"/> belongs to the gate slice: a stable hash of its entity and event time, mixed so its top bits are uniform.</summary>
    public static bool InGate(ReservoirRow row, double fraction)
    {
        var hash = StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"{row.EntityId}\n{row.Ts.UtcTicks}"));
        return unchecked(hash * 0x9E3779B1u) >> 16 < fraction * 65_536;
    }

    private static (bool Beats, string Comparison) Compare(IScorer challenger, IScorer champion, IReadOnlyList<ReservoirRow> gate)
    {
        var labels = gate.Select(r => r.Positive).ToArray();
        var positives = labels.Count(l => l);
        if (positives >= MinimumPerClassForAuc && labels.Length - positives >= MinimumPerClassForAuc)
        {
            var rowsValues = gate.Select(r => r.Values).ToList();
            var challengerAuc = BinaryMetrics.RocAuc(challenger.ScoreAll(rowsValues), labels);
            var championAuc = BinaryMetrics.RocAuc(champion.ScoreAll(rowsValues), labels);
            return (challengerAuc >= championAuc - AucTolerance,
                FormattableString.Invariant($"gate ROC-AUC challenger {challengerAuc:F4} vs champion v{champion.ModelVersion} {championAuc:F4}"));
        }

        var normal = gate.Where(r => !r.Positive).Select(r => r.Values).ToList();
        if (normal.Count == 0)
        {
            return (false, "the gate slice has no normal rows to compare on");
        }

        if (challenger is VaeScorer challengerVae && champion is VaeScorer championVae)
        {
            var challengerError = ReconstructionGate.MedianError(challengerVae, normal);
            var championError = ReconstructionGate.MedianError(championVae, normal);
            return (challengerError <= championError * ErrorTolerance,
                FormattableString.Invariant($"gate {ReconstructionGate.Measure} of {normal.Count} normal rows: challenger {challengerError:G4} vs champion v{champion.ModelVersion} {championError:G4}"));
        }

        // Not two VAEs (a classifier whose gate slice lacks a class): their raw scores, each in its own units.
        var challengerRaw = challenger.ScoreAll(normal, raw: true).Average();
        var championRaw = champion.ScoreAll(normal, raw: true).Average();
        return (challengerRaw <= championRaw * ErrorTolerance,
            FormattableString.Invariant($"gate mean raw score of {normal.Count} normal rows, each model in its own units: challenger {challengerRaw:F4} vs champion v{champion.ModelVersion} {championRaw:F4}"));
    }
}
