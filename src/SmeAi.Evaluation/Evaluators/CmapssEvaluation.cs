using System.Diagnostics;
using SmeAi.Evaluation.Baselines;
using SmeAi.Evaluation.Datasets;
using SmeAi.ML.Calibration;
using SmeAi.ML.Inference;
using SmeAi.ML.Training;

namespace SmeAi.Evaluation.Evaluators;

/// <summary>Per-engine outcome of the alert rule on one engine's stream of cycles.</summary>
internal sealed record EngineOutcome(int Engine, bool Caught, int? LeadCycles, int FalseAlerts);

/// <summary>
/// C-MAPSS FD001: one model for the sensor set, trained on the first cycles of the training engines (normal operation);
/// each held-out engine then streams all its cycles through the alert rule. An engine is caught when an alert is raised
/// within the warning window before its failure; alerts raised earlier are false alerts.
/// </summary>
internal static class CmapssEvaluation
{
    public static DatasetEvaluation Run(EvaluationOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var data = CmapssFd001.Load(options.DatasetsDirectory);
        var engines = data.Engines.Take(options.MaxEngines ?? int.MaxValue).ToArray();
        var testEngines = HeldOutSplit.Groups(engines, options.TestFraction, options.Seed);
        var normalRows = data.Cycles
            .Where(c => engines.Contains(c.Engine) && !testEngines.Contains(c.Engine) && c.Cycle <= options.CmapssNormalShare * data.FailureCycle[c.Engine])
            .Select(CmapssFd001.Encode)
            .ToArray();

        progress?.Report($"cmapss-fd001: training our VAE on {normalRows.Length} early cycles of {engines.Length - testEngines.Count} engines");
        var vaeOptions = options.CmapssVae.WithSeed(options.Seed);
        var result = VaeTrainer.Train("cmapss-fd001", CmapssFd001.Schema, normalRows, vaeOptions, cancellationToken);
        var artifact = result.Artifact ?? throw new InvalidOperationException($"cmapss-fd001: our VAE was refused: {result.Refusal}");
        var scorer = ModelScorer.Create(artifact);

        progress?.Report("cmapss-fd001: training the ML.NET randomized PCA baseline");
        var streams = testEngines.Order().Select(e => (Engine: e, Rows: data.Cycles.Where(c => c.Engine == e).OrderBy(c => c.Cycle).Select(CmapssFd001.Encode).ToArray())).ToArray();
        var (fit, calibrate) = DataSplit.Random(normalRows.Length, vaeOptions.HeldOutFraction, vaeOptions.Seed);
        var allTestRows = streams.SelectMany(s => s.Rows).ToArray();
        var (pcaScores, pcaCalibrationScores) = MlNetBaselines.RandomizedPcaScores(
            DataSplit.Select(normalRows, fit), DataSplit.Select(normalRows, calibrate), allTestRows, Math.Min(options.PcaRank, CmapssFd001.Schema.Count / 2), options.Seed);
        var pcaCalibration = ScoreCalibration.EmpiricalCdf(pcaCalibrationScores);

        var ours = new List<EngineOutcome>();
        var baseline = new List<EngineOutcome>();
        var offset = 0;
        foreach (var (engine, rows) in streams)
        {
            ours.Add(Outcome(engine, scorer.ScoreAll(rows), options));
            baseline.Add(Outcome(engine, [.. pcaScores.AsSpan(offset, rows.Length).ToArray().Select(pcaCalibration.Apply)], options));
            offset += rows.Length;
        }

        return new DatasetEvaluation(
            "cmapss-fd001",
            "turbofan run-to-failure (per-engine alerts before failure)",
            "VAE (SmeAi.ML, managed scorer) + alert hysteresis",
            $"ML.NET RandomizedPca (rank {Math.Min(options.PcaRank, CmapssFd001.Schema.Count / 2)}) + the same alert rule",
            normalRows.Length,
            allTestRows.Length,
            [
                new MetricComparison("engines alerted before failure", Share(ours), Share(baseline), true),
                new MetricComparison("median lead time (cycles)", MedianLead(ours), MedianLead(baseline), true),
                new MetricComparison("false alerts per engine", FalsePerEngine(ours), FalsePerEngine(baseline), false),
            ],
            [
                $"Held-out: {streams.Length} whole engines ({allTestRows.Length} cycles); training used the first {options.CmapssNormalShare:P0} of the cycles of the other {engines.Length - testEngines.Count} engines as normal operation.",
                $"Alert rule: raised after {options.CmapssConsecutiveScores} consecutive calibrated scores >= {options.AlertThreshold:0.###}, cleared after {options.CmapssConsecutiveScores} below {options.CmapssClearThreshold:0.###}; failure = the engine's last cycle.",
                $"An alert raised 1 to {options.CmapssWarningWindowCycles} cycles before failure catches the engine (lead time = cycles from the first such raise to failure); one raised earlier counts as false, one raised at the failure cycle itself as neither.",
                $"Our model: VAE {string.Join("-", vaeOptions.HiddenSizes)}, latent {vaeOptions.LatentSize}, {vaeOptions.Epochs} epochs on sensors {string.Join(", ", CmapssFd001.Schema.FeatureNames)}.",
            ],
            watch.Elapsed);
    }

    /// <summary>
    /// The engine's last score is its failure cycle. A raise on it warns of nothing (lead 0): it neither catches the
    /// engine nor counts as false. A raise 1 to the window's cycles before it catches the engine; an earlier one is false.
    /// </summary>
    internal static EngineOutcome Outcome(int engine, IReadOnlyList<float> scores, EvaluationOptions options)
    {
        var raises = AlertHysteresis.Raises(scores, options.AlertThreshold, options.CmapssClearThreshold, options.CmapssConsecutiveScores);
        var failureIndex = scores.Count - 1;
        var inWindow = raises.Where(r => failureIndex - r is >= 1 && failureIndex - r <= options.CmapssWarningWindowCycles).ToList();
        var early = raises.Count(r => failureIndex - r > options.CmapssWarningWindowCycles);
        return new EngineOutcome(engine, inWindow.Count > 0, inWindow.Count > 0 ? failureIndex - inWindow[0] : null, early);
    }

    internal static double Share(List<EngineOutcome> outcomes) => outcomes.Count(o => o.Caught) / (double)outcomes.Count;

    internal static double FalsePerEngine(List<EngineOutcome> outcomes) => outcomes.Sum(o => o.FalseAlerts) / (double)outcomes.Count;

    internal static double MedianLead(List<EngineOutcome> outcomes)
    {
        var leads = outcomes.Where(o => o.LeadCycles is not null).Select(o => (double)o.LeadCycles!.Value).Order().ToArray();
        return leads.Length == 0 ? double.NaN : leads.Length % 2 == 1 ? leads[leads.Length / 2] : (leads[(leads.Length / 2) - 1] + leads[leads.Length / 2]) / 2;
    }
}
