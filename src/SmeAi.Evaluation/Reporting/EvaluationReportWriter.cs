using System.Globalization;
using System.Text;

namespace SmeAi.Evaluation.Reporting;

/// <summary>Writes an <see cref="EvaluationReport"/> as the markdown of <c>docs/evaluation.md</c>.</summary>
public static class EvaluationReportWriter
{
    public static async Task WriteAsync(EvaluationReport report, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await File.WriteAllTextAsync(path, ToMarkdown(report), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How far one seed's held-out split can be trusted: the fewer held-out positives, the noisier a ROC-AUC.</summary>
    private static string HeldOutNoise(EvaluationReport report)
    {
        var positives = report.Datasets.Where(d => d.TestPositives is not null).Select(d => $"{d.TestPositives} ({d.Dataset})").ToList();
        return positives.Count == 0
            ? "Figures come from one seed."
            : $"Figures come from one seed; with {string.Join(" or ", positives)} held-out positives, ROC-AUC differences of about 0.01 are within the noise of the split.";
    }

    public static string ToMarkdown(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("# Evaluation on real datasets, side by side with ML.NET")
            .AppendLine()
            .AppendLine("Measured by `SmeAi.Evaluation` (`EvaluationRunner`): for each public dataset in `../shared/datasets`, our trainers")
            .AppendLine("(SmeAi.ML, TorchSharp training, managed scoring) and an ML.NET 6.0 baseline are trained on the same training part")
            .AppendLine("of a seeded split and measured on the same held-out part. Nothing of the held-out part is used for training,")
            .AppendLine("calibration or tuning: the classifier settings were chosen by validation ROC-AUC on a slice of the training part,")
            .AppendLine("the anomaly models' settings were set once and not tuned.")
            .AppendLine(HeldOutNoise(report))
            .AppendLine()
            .AppendLine("## Run")
            .AppendLine(c, $"- Command: `{EvaluationRunner.DefaultCommand}`")
            .AppendLine(c, $"- Seed {report.Seed}; started {report.StartedAt:yyyy-MM-dd HH:mm} UTC; took {report.Duration.TotalMinutes:F1} min")
            .AppendLine(c, $"- Machine: {report.Machine.Processor}, {report.Machine.ProcessorCount} cores, {report.Machine.MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB; {report.Machine.OperatingSystem}; {report.Machine.Runtime}{Load(report.Machine)}")
            .AppendLine(report.Command == EvaluationRunner.DefaultCommand ? string.Empty : $"- This run: {report.Command}\n")
            .AppendLine("## Summary")
            .AppendLine();
        WriteSummary(md, report);
        foreach (var dataset in report.Datasets)
        {
            md.AppendLine()
                .AppendLine(c, $"## {dataset.Dataset}: {dataset.Task}")
                .AppendLine()
                .AppendLine(c, $"Ours: {dataset.OursMethod}. ML.NET: {dataset.BaselineMethod}. Training rows {dataset.TrainRows}, held-out rows {dataset.TestRows}; {dataset.Duration.TotalSeconds:F0} s.")
                .AppendLine()
                .AppendLine("| metric | ours | ML.NET | ahead | target |")
                .AppendLine("|---|---|---|---|---|");
            foreach (var metric in dataset.Metrics)
            {
                md.AppendLine(c, $"| {metric.Metric} | {Format(metric.Ours)} | {Format(metric.Baseline)} | {metric.Ahead} | {Target(metric)} |");
            }

            md.AppendLine();
            foreach (var note in dataset.Notes)
            {
                md.AppendLine(c, $"- {note}");
            }
        }

        WritePipeline(md, report);
        return md.ToString();
    }

    /// <summary>
    /// The headline metric of every dataset. With a pipeline run, its figure comes first and is judged against the target
    /// too: the issue asks for the figures through the pipeline; offline is the same model family trained once, for reference.
    /// </summary>
    private static void WriteSummary(StringBuilder md, EvaluationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        if (report.Pipeline.Count == 0)
        {
            md.AppendLine("| dataset | metric | ours | ML.NET | ahead | target |")
                .AppendLine("|---|---|---|---|---|---|");
            foreach (var dataset in report.Datasets)
            {
                var headline = dataset.Metrics[0];
                md.AppendLine(c, $"| {dataset.Dataset} | {headline.Metric} | {Format(headline.Ours)} | {Format(headline.Baseline)} | {headline.Ahead} | {Target(headline)} |");
            }

            md.AppendLine()
                .AppendLine(c, $"Ours is ahead of ML.NET on the headline metric of {report.Datasets.Count(d => d.Metrics[0].Ahead == "ours")} of {report.Datasets.Count} datasets.");
            return;
        }

        md.AppendLine("| dataset | metric | ours, through the pipeline | ours, offline | ML.NET | ahead | target |")
            .AppendLine("|---|---|---|---|---|---|---|");
        var aheadThroughPipeline = 0;
        foreach (var dataset in report.Datasets)
        {
            var offline = dataset.Metrics[0];
            var pipeline = PipelineHeadline(report, dataset.Dataset) is { } figure ? offline with { Ours = figure } : null;
            aheadThroughPipeline += pipeline?.Ahead == "ours" ? 1 : 0;
            var ahead = pipeline is null || pipeline.Ahead == offline.Ahead ? offline.Ahead : $"{pipeline.Ahead} through the pipeline, {offline.Ahead} offline";
            var target = offline.Target is null ? string.Empty
                : pipeline is null ? $"{Target(offline)} offline"
                : $"{Target(pipeline)} through the pipeline, {Verdict(offline)} offline";
            md.AppendLine(c, $"| {dataset.Dataset} | {offline.Metric} | {(pipeline is null ? "not run" : Format(pipeline.Ours))} | {Format(offline.Ours)} | {Format(offline.Baseline)} | {ahead} | {target} |");
        }

        md.AppendLine()
            .AppendLine(c, $"Ours is ahead of ML.NET on the headline metric of {aheadThroughPipeline} of {report.Datasets.Count} datasets through the pipeline and {report.Datasets.Count(d => d.Metrics[0].Ahead == "ours")} of {report.Datasets.Count} offline.");
    }

    /// <summary>The pipeline's first figure for <paramref name="dataset"/>, its headline (the same measure as offline's).</summary>
    private static double? PipelineHeadline(EvaluationReport report, string dataset) =>
        report.Pipeline.FirstOrDefault(p => p.Dataset == dataset) is { Figures: [var headline, ..] } ? headline.Pipeline : null;

    private static void WritePipeline(StringBuilder md, EvaluationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine()
            .AppendLine("## Through the pipeline")
            .AppendLine();
        if (report.Pipeline.Count == 0)
        {
            md.AppendLine("Not measured in this run (`--offline-only`): without it, `smeai evaluate` replays every dataset through Kafka and the grains.");
        }
        else
        {
            md.AppendLine("`smeai evaluate` starts a silo in the same process (embedded Kafka, in-memory storage, no demo feed, no")
                .AppendLine("model), replays the dataset into its input topic (`customer-events`, `security-events`, `machine-telemetry`) with")
                .AppendLine("the event times below (`DatasetReplays`), reads every score back from `smeai-scores` (and the alerts), and computes")
                .AppendLine("the figures with `ReplayMetrics` on the same held-out customers, connections, engines or rows as the offline")
                .AppendLine("evaluation. Unlike there, the grains train on everything they see (C-MAPSS: engines are held out whole, but their")
                .AppendLine("cycles feed the anomaly model like the others'; customers, connections and AI4I readings: the held-out part comes")
                .AppendLine("last, after a retraining, and spans less event time than any retraining trigger, so no model that scores it has")
                .AppendLine("trained on it or its labels), the trainer uses its own settings (`TrainerOptions`: a reservoir of the rows of")
                .AppendLine("smallest seeded hash, a challenger replaces the champion only if it is not worse on a gate slice that no version")
                .AppendLine("trains on, classifier settings per model kind in `Training:Classifiers`) and a machine's score is the larger of the")
                .AppendLine("model's and the machine's own baseline. Offline = our model in the section above.")
                .AppendLine()
                .AppendLine("Training is driven by the replay (`Training:Retraining` `OnDemand` in its silo): the trainers do not start trainings")
                .AppendLine("themselves (no first-data, schedule, reminder or drift trainings). The replay sends a first part (warm-up), waits")
                .AppendLine("until the silo has applied it and every sample and label the grains queued is at its trainer, trains every model")
                .AppendLine("that has at least 300 samples, and waits until the silo's model cache scores with each new current version. Rows")
                .AppendLine("scored before the first model are exported as score 0 with `warmup=true` and count here as not alerting. The rest")
                .AppendLine("is sent in steps of the trainer's retraining interval of event time (6 h), with a step boundary where the held-out")
                .AppendLine("part starts; at each boundary the replay does the same: everything applied and at the trainers, then every model")
                .AppendLine("that received samples or labels since it last trained is retrained, and the next step is sent once the new")
                .AppendLine("versions score. So which rows each version learns and which version scores each event depend on the replay alone;")
                .AppendLine("with the reservoir independent of arrival order and training rows in a fixed order, two runs with the same seed")
                .AppendLine("give the same scores (tested in `PipelineDeterminismTests`). A live silo (`Automatic`) trains as soon as it has")
                .AppendLine("300 samples and also on drift, so its versions differ from these. Any metric CSV gets scores the same way, from")
                .AppendLine("the first data on, with `smeai replay` and `smeai scores export` against a live silo (tested in `GenericReplayTests`).");
            foreach (var run in report.Pipeline)
            {
                md.AppendLine()
                    .AppendLine(c, $"### {run.Dataset}")
                    .AppendLine()
                    .AppendLine(run.Setup)
                    .AppendLine()
                    .AppendLine("| metric | pipeline | offline |")
                    .AppendLine("|---|---|---|");
                foreach (var figure in run.Figures)
                {
                    md.AppendLine(c, $"| {figure.Metric} | {Format(figure.Pipeline)} | {(figure.Offline is { } offline ? Format(offline) : string.Empty)} |");
                }

                md.AppendLine()
                    .AppendLine(c, $"- {run.Events} events replayed, {run.WarmupEvents} of them before the first training; {run.Scored} scores came back, {run.ModelScored} ({100.0 * run.ModelScored / Math.Max(1, run.Scored):F1} %) from a trained model; {run.Duration.TotalSeconds:F0} s.");
                foreach (var note in run.Notes)
                {
                    md.AppendLine(c, $"- {note}");
                }
            }
        }
    }

    /// <summary>Durations on a busy machine are longer; the figures themselves do not depend on load (fixed seeds).</summary>
    private static string Load(MachineDescription machine) => machine.LoadAverage is { } load
        ? string.Create(CultureInfo.InvariantCulture, $"; load average {load:F1} at the start{(load > machine.ProcessorCount ? " (shared machine, busy with other work: durations are longer than on an idle one; the figures do not depend on load)" : "")}")
        : string.Empty;

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Target(MetricComparison metric) => metric.Target is { } target
        ? string.Create(CultureInfo.InvariantCulture, $"{(metric.HigherIsBetter ? ">=" : "<=")} {target:0.00}: {Verdict(metric)}")
        : string.Empty;

    private static string Verdict(MetricComparison metric) => metric.MeetsTarget == true ? "met" : "missed";
}
