using System.Collections.Immutable;

namespace SmeAi.ML.Models;

/// <summary>
/// What training measured, stored with the version. <see cref="Values"/> uses the keys in <see cref="MetricNames"/>;
/// <see cref="ReferenceScores"/> are calibrated scores of held-out rows, the baseline for drift (PSI) checks.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrainingMetrics(
    [property: Id(0)] int TrainingRows,
    [property: Id(1)] int HeldOutRows,
    [property: Id(2)] ImmutableDictionary<string, double> Values,
    [property: Id(3)] ImmutableArray<float> ReferenceScores)
{
    public double? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Keys of <see cref="TrainingMetrics.Values"/>.</summary>
public static class MetricNames
{
    public const string RocAuc = "rocAuc";
    public const string PrAuc = "prAuc";
    public const string F1 = "f1";
    public const string FinalLoss = "finalLoss";
    public const string ExportMaxAbsDiff = "exportMaxAbsDiff";
    public const string HeldOutScoreStd = "heldOutScoreStd";
    public const string PrAucBaseline = "prAucBaseline";
    public const string PrAucAugmented = "prAucAugmented";
    public const string AugmentationKept = "augmentationKept";
    public const string SyntheticRows = "syntheticRows";
    public const string PositiveRows = "positiveRows";
}
