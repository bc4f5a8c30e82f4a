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
            .AppendLine("the anomaly models' settings were set once and not tuned. Figures come from one seed; with 85 (AI4I) or 380 (churn)")
            .AppendLine("held-out positives, ROC-AUC differences of about 0.01 are within the noise of the split.")
            .AppendLine()
            .AppendLine("## Run")
            .AppendLine(c, $"- Command: `{EvaluationRunner.DefaultCommand}`")
            .AppendLine(c, $"- Seed {report.Seed}; started {report.StartedAt:yyyy-MM-dd HH:mm} UTC; took {report.Duration.TotalMinutes:F1} min")
            .AppendLine(c, $"- Machine: {report.Machine.Processor}, {report.Machine.ProcessorCount} cores, {report.Machine.MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB; {report.Machine.OperatingSystem}; {report.Machine.Runtime}{Load(report.Machine)}")
            .AppendLine(report.Command == EvaluationRunner.DefaultCommand ? string.Empty : $"- This run: {report.Command}\n")
            .AppendLine("## Summary")
            .AppendLine()
            .AppendLine("| dataset | metric | ours | ML.NET | ahead | target |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var dataset in report.Datasets)
        {
            var headline = dataset.Metrics[0];
            md.AppendLine(c, $"| {dataset.Dataset} | {headline.Metric} | {Format(headline.Ours)} | {Format(headline.Baseline)} | {headline.Ahead} | {Target(headline)} |");
        }

        var ahead = report.Datasets.Count(d => d.Metrics[0].Ahead == "ours");
        md.AppendLine()
            .AppendLine(c, $"Ours is ahead of ML.NET on the headline metric of {ahead} of {report.Datasets.Count} datasets.");
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

        return md.ToString();
    }

    /// <summary>Durations on a busy machine are longer; the figures themselves do not depend on load (fixed seeds).</summary>
    private static string Load(MachineDescription machine) => machine.LoadAverage is { } load
        ? string.Create(CultureInfo.InvariantCulture, $"; load average {load:F1} at the start{(load > machine.ProcessorCount ? " (shared machine, busy with other work: durations are longer than on an idle one; the figures do not depend on load)" : "")}")
        : string.Empty;

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Target(MetricComparison metric) => metric.Target is { } target
        ? string.Create(CultureInfo.InvariantCulture, $"{(metric.HigherIsBetter ? ">=" : "<=")} {target:0.00}: {(metric.MeetsTarget == true ? "met" : "missed")}")
        : string.Empty;
}
