using SmeAi.Evaluation.Datasets;
using SmeAi.Evaluation.Reporting;
using Xunit.Abstractions;

namespace SmeAi.Evaluation.Tests;

/// <summary>Quick runs on deterministic subsamples with short training: the full-data figures belong in docs/evaluation.md.</summary>
public sealed class EvaluationRunnerTests(ITestOutputHelper output)
{
    private static EvaluationOptions Quick(EvaluationDatasets datasets)
    {
        var options = new EvaluationOptions
        {
            DatasetsDirectory = DatasetsFolder.Path,
            Seed = 11,
            Datasets = datasets,
            MaxRowsPerDataset = 2_000,
            MaxEngines = 16,
            UseGanAugmentation = false,
        };
        options.NslKddVae.Epochs = 4;
        options.CmapssVae.Epochs = 8;
        return options;
    }

    [Fact]
    public async Task Two_runs_with_the_same_seed_give_identical_metrics()
    {
        var options = Quick(EvaluationDatasets.TelcoChurn | EvaluationDatasets.NslKdd);
        var runner = new EvaluationRunner();

        var first = await runner.RunAsync(options);
        var second = await runner.RunAsync(options);

        Assert.Equal(2, first.Datasets.Count);
        Assert.Equal(first.Datasets.SelectMany(d => d.Metrics), second.Datasets.SelectMany(d => d.Metrics));
    }

    [Fact]
    public async Task A_quick_run_gives_sane_figures_measured_on_the_held_out_part_only()
    {
        var progress = new List<string>();
        var report = await new EvaluationRunner().RunAsync(Quick(EvaluationDatasets.All), new Progress<string>(progress.Add), CancellationToken.None);
        output.WriteLine(EvaluationReportWriter.ToMarkdown(report));

        var churn = report.Datasets.Single(d => d.Dataset == "telco-churn");
        Assert.Equal((1_500, 500), (churn.TrainRows, churn.TestRows));
        Assert.InRange(churn["ROC-AUC"].Ours, 0.7, 1.0);
        Assert.InRange(churn["ROC-AUC"].Baseline, 0.7, 1.0);

        var kdd = report.Datasets.Single(d => d.Dataset == "nsl-kdd");
        Assert.Equal(500, kdd.TestRows);
        Assert.InRange(kdd.TrainRows, 750, 850); // only the normal rows of the 1,500 training rows
        Assert.InRange(kdd["AUROC"].Ours, 0.85, 1.0);

        var ai4i = report.Datasets.Single(d => d.Dataset == "ai4i2020");
        Assert.Equal((1_500, 500), (ai4i.TrainRows, ai4i.TestRows));
        Assert.InRange(ai4i["ROC-AUC"].Baseline, 0.8, 1.0);

        var cmapss = report.Datasets.Single(d => d.Dataset == "cmapss-fd001");
        Assert.InRange(cmapss["engines alerted before failure"].Ours, 0.25, 1.0);
        Assert.InRange(cmapss["false alerts per engine"].Ours, 0, 1);
        Assert.Contains(cmapss.Notes, n => n.StartsWith("Held-out: 4 whole engines", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_puts_ours_and_ml_net_side_by_side_and_says_who_is_ahead()
    {
        var report = new EvaluationReport(
            7,
            DateTimeOffset.UnixEpoch,
            TimeSpan.FromMinutes(2),
            MachineDescription.Current(),
            EvaluationRunner.DefaultCommand,
            [
                new DatasetEvaluation("telco-churn", "churn", "MLP", "LightGbm", 100, 40,
                    [new MetricComparison("ROC-AUC", 0.861, 0.83, true, 0.85), new MetricComparison("false alerts per engine", 0.5, 0.2, false)], ["a note"], TimeSpan.FromSeconds(3), TestPositives: 11),
                new DatasetEvaluation("nsl-kdd", "intrusions", "VAE", "RandomizedPca", 100, 40, [new MetricComparison("AUROC", 0.97, 0.75, true)], [], TimeSpan.FromSeconds(2)),
            ]);

        var markdown = EvaluationReportWriter.ToMarkdown(report);

        Assert.Contains("`dotnet run -c Release --project src/SmeAi.Cli -- evaluate`", markdown, StringComparison.Ordinal);
        Assert.Contains("| ROC-AUC | 0.861 | 0.830 | ours | >= 0.85: met |", markdown, StringComparison.Ordinal);
        Assert.Contains("| false alerts per engine | 0.500 | 0.200 | ML.NET |  |", markdown, StringComparison.Ordinal);
        Assert.Contains("- a note", markdown, StringComparison.Ordinal);
        // The noise caveat counts the positives this run held out, for the datasets that have labels.
        Assert.Contains("with 11 (telco-churn) held-out positives", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_are_refused_before_any_training()
    {
        var options = Quick(EvaluationDatasets.TelcoChurn);
        options.DatasetsDirectory = Path.Combine(Path.GetTempPath(), "no-such-datasets-folder");

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => new EvaluationRunner().RunAsync(options));

        Assert.Contains("DatasetsDirectory", error.Message, StringComparison.Ordinal);
    }
}
