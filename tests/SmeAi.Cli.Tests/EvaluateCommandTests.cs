using System.Globalization;
using System.Text.RegularExpressions;
using SmeAi.Testing;

namespace SmeAi.Cli.Tests;

/// <summary><c>smeai evaluate</c> on a small subsample: the full-data figures belong in docs/evaluation.md.</summary>
public sealed class EvaluateCommandTests
{
    [Fact]
    public async Task Evaluate_on_a_subsample_writes_a_markdown_report_with_every_dataset_side_by_side_with_mlnet()
    {
        using var folder = new TempFile("unused.txt", "");
        var report = folder.Sibling("report/evaluation.md");

        var run = await CliRun.RunAsync(
            "evaluate", "--datasets-dir", RepositoryPaths.Datasets, "--quick", "--max-engines", "8", "--seed", "7", "--offline-only", "--output", report);

        Assert.True(run.ExitCode == 0, run.ToString());
        var markdown = await File.ReadAllTextAsync(report);
        Assert.StartsWith("# Evaluation on real datasets, side by side with ML.NET", markdown, StringComparison.Ordinal);
        foreach (var dataset in new[] { "telco-churn", "nsl-kdd", "ai4i2020", "cmapss-fd001" })
        {
            Assert.Contains($"\n## {dataset}: ", markdown, StringComparison.Ordinal);
            Assert.Contains($"{dataset}: ", run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("- Seed 7;", markdown, StringComparison.Ordinal);
        Assert.Contains("--quick --max-engines 8", markdown, StringComparison.Ordinal);
        Assert.Contains("Not measured in this run", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telco_customers_replayed_through_the_pipeline_are_ranked_by_their_profile_attributes()
    {
        var markdown = await QuickPipelineReportAsync("telco-churn");

        Assert.Contains("### telco-churn", markdown, StringComparison.Ordinal);
        var row = markdown.Split('\n').SkipWhile(l => l != "### telco-churn").First(l => l.StartsWith("| ROC-AUC |", StringComparison.Ordinal));
        var pipelineAuc = double.Parse(row.Split('|')[2], System.Globalization.CultureInfo.InvariantCulture);
        // The grain's behavioural features are the same for every replayed customer: only the profile block can rank them.
        Assert.True(pipelineAuc > 0.75, row);
    }

    [Fact]
    public async Task Ai4i_held_out_readings_replayed_through_the_pipeline_come_back_with_a_failure_probability_from_a_trained_failure_classifier()
    {
        // --quick keeps 2,000 readings (the pipeline replays the same subsample): 1,500 to train on, 500 held out.
        var markdown = await QuickPipelineReportAsync("ai4i2020");

        var section = string.Join('\n', markdown.Split('\n').SkipWhile(l => l != "### ai4i2020"));
        var note = Regex.Match(section, @"(\d+) of the (\d+) held-out readings had one \(failure classifier versions that gave them: (v\d+(?:, v\d+)*)\)");
        Assert.True(note.Success, section);
        Assert.Equal("500", note.Groups[2].Value);
        Assert.Equal(note.Groups[2].Value, note.Groups[1].Value);
        Assert.All(note.Groups[3].Value.Split(", "), v => Assert.True(int.Parse(v[1..], CultureInfo.InvariantCulture) >= 1, v));
        var roc = section.Split('\n').First(l => l.StartsWith("| ROC-AUC |", StringComparison.Ordinal));
        // A guard against a classifier that ranks nothing (0.5), not a target: the quick run read 0.927 (2026-12-05).
        Assert.True(double.Parse(roc.Split('|')[2], CultureInfo.InvariantCulture) > 0.7, roc);
    }

    [Fact]
    public async Task A_quick_run_without_an_output_writes_to_the_temporary_folder_not_over_the_report()
    {
        var expected = Path.Combine(Path.GetTempPath(), "smeai-evaluation-quick.md");
        File.Delete(expected);

        var run = await CliRun.RunAsync("evaluate", "--datasets-dir", RepositoryPaths.Datasets, "--quick", "--dataset", "ai4i2020", "--offline-only");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"wrote {expected}", run.Output, StringComparison.Ordinal);
        Assert.Contains("\n## ai4i2020: ", await File.ReadAllTextAsync(expected), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_dataset_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("evaluate", "--dataset", "iris");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("iris", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>evaluate --quick</c> (offline and through the pipeline) on one dataset and returns the report it wrote.</summary>
    private static async Task<string> QuickPipelineReportAsync(string dataset)
    {
        using var folder = new TempFile("unused.txt", "");
        var report = folder.Sibling("report/evaluation.md");
        var run = await CliRun.RunAsync(
            "evaluate", "--datasets-dir", RepositoryPaths.Datasets, "--quick", "--dataset", dataset, "--output", report);
        Assert.True(run.ExitCode == 0, run.ToString());
        return await File.ReadAllTextAsync(report);
    }
}
