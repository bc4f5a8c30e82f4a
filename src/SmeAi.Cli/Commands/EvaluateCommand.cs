using System.CommandLine;
using System.Globalization;
using SmeAi.Cli.Pipeline;
using SmeAi.Cli.Terminal;
using SmeAi.Evaluation;
using SmeAi.Evaluation.Datasets;
using SmeAi.Evaluation.Reporting;
using SmeAi.ML.Datasets;

namespace SmeAi.Cli.Commands;

/// <summary>
/// <c>smeai evaluate</c>: our models against the ML.NET baselines on the shared real datasets (seeded held-out splits),
/// written as the markdown of <c>docs/evaluation.md</c>.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Dataset names on the command line, as the report names them.</summary>
    private static readonly Dictionary<string, EvaluationDatasets> _datasets = new(StringComparer.Ordinal)
    {
        ["telco-churn"] = EvaluationDatasets.TelcoChurn,
        ["nsl-kdd"] = EvaluationDatasets.NslKdd,
        ["ai4i2020"] = EvaluationDatasets.Ai4i2020,
        ["cmapss-fd001"] = EvaluationDatasets.CmapssFd001,
    };

    /// <summary>What <c>--quick</c> keeps: enough rows for held-out slices with both classes, a fraction of the training time.</summary>
    internal const int QuickRows = 2_000;

    internal const int QuickEngines = 16;

    public static Command Create()
    {
        var command = new Command("evaluate", "Evaluate our models against ML.NET baselines on the shared real datasets and write a markdown report.");
        var datasetsDir = new Option<DirectoryInfo?>("--datasets-dir") { Description = "The shared datasets folder (default: ../shared/datasets beside the repository)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the splits, weights and baselines", DefaultValueFactory = _ => new EvaluationOptions().Seed };
        var datasets = new Option<string[]>("--dataset", "-d")
        {
            Description = $"Only these datasets (repeatable): {string.Join(", ", _datasets.Keys)} (default: all)",
            AllowMultipleArgumentsPerToken = true,
        };
        datasets.AcceptOnlyFromAmong([.. _datasets.Keys]);
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Markdown file to write (default: docs/evaluation.md; with --quick, a file in the temporary folder, so a smoke run never replaces the report)",
        };
        var quick = new Option<bool>("--quick")
        {
            Description = $"Subsample ({QuickRows} rows per dataset, {QuickEngines} engines), short training, no GAN: a smoke run, not the figures",
        };
        var maxRows = new Option<int?>("--max-rows") { Description = "Stratified subsample of each tabular dataset (at least 400); the AI4I pipeline replay uses the same subsample" };
        var maxEngines = new Option<int?>("--max-engines") { Description = "At most this many C-MAPSS engines (at least 8)" };
        var offlineOnly = new Option<bool>("--offline-only")
        {
            Description = "Skip the replays through Kafka and the grains of a silo started in this process (the headline figures): offline models and ML.NET only",
        };
        foreach (var option in new Option[] { datasetsDir, seed, datasets, output, quick, maxRows, maxEngines, offlineOnly })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            var options = new EvaluationOptions
            {
                DatasetsDirectory = parsed.GetValue(datasetsDir)?.FullName ?? FindDatasets(),
                Seed = parsed.GetValue(seed),
                Datasets = Selected(parsed.GetValue(datasets)),
            };
            if (parsed.GetValue(quick))
            {
                MakeQuick(options);
            }

            options.MaxRowsPerDataset = parsed.GetValue(maxRows) ?? options.MaxRowsPerDataset;
            options.MaxEngines = parsed.GetValue(maxEngines) ?? options.MaxEngines;
            var invalid = EvaluationOptionsValidator.Instance.Validate(null, options);
            if (invalid.Failed)
            {
                throw new CliException(string.Join(" ", invalid.Failures));
            }

            var file = parsed.GetValue(output) ?? DefaultReport(parsed.GetValue(quick));
            await error.WriteLineAsync($"evaluating {options.Datasets} from {options.DatasetsDirectory} (seed {options.Seed.ToString(CultureInfo.InvariantCulture)})");
            var progress = new SynchronousProgress(line => error.WriteLine(line));
            var report = await new EvaluationRunner().RunAsync(options, CommandLine(parsed), progress, cancellationToken);

            if (!parsed.GetValue(offlineOnly))
            {
                var pipelineRuns = await RunPipelineAsync(options, report, error, cancellationToken);
                report = report with { Pipeline = pipelineRuns, Duration = report.Duration + pipelineRuns.Aggregate(TimeSpan.Zero, (sum, run) => sum + run.Duration) };
            }

            file.Directory?.Create();
            await EvaluationReportWriter.WriteAsync(report, file.FullName, cancellationToken);
            foreach (var dataset in report.Datasets)
            {
                var headline = dataset.Metrics[0];
                var throughPipeline = report.Pipeline.FirstOrDefault(p => p.Dataset == dataset.Dataset) is { Figures: [var figure, ..] }
                    ? string.Create(CultureInfo.InvariantCulture, $"through the pipeline {figure.Pipeline:0.000}, ")
                    : string.Empty;
                await parsed.InvocationConfiguration.Output.WriteLineAsync(
                    string.Create(CultureInfo.InvariantCulture, $"{dataset.Dataset}: {headline.Metric} ours {throughPipeline}offline {headline.Ours:0.000}, ML.NET {headline.Baseline:0.000}"));
            }

            await parsed.InvocationConfiguration.Output.WriteLineAsync($"wrote {file.FullName}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every selected dataset, replayed through the pipeline.</summary>
    private static async Task<IReadOnlyList<SmeAi.Evaluation.Replay.PipelineEvaluation>> RunPipelineAsync(
        EvaluationOptions options, EvaluationReport offline, TextWriter log, CancellationToken cancellationToken)
    {
        var runs = new List<SmeAi.Evaluation.Replay.PipelineEvaluation>();
        if (options.Datasets.HasFlag(EvaluationDatasets.TelcoChurn))
        {
            runs.Add(await PipelineRuns.TelcoChurnAsync(options, offline, log, cancellationToken));
        }

        if (options.Datasets.HasFlag(EvaluationDatasets.NslKdd))
        {
            runs.Add(await PipelineRuns.NslKddAsync(options, offline, log, cancellationToken));
        }

        if (options.Datasets.HasFlag(EvaluationDatasets.CmapssFd001))
        {
            runs.Add(await PipelineRuns.CmapssFd001Async(options, offline, log, cancellationToken));
        }

        if (options.Datasets.HasFlag(EvaluationDatasets.Ai4i2020))
        {
            runs.Add(await PipelineRuns.Ai4i2020Async(options, offline, log, cancellationToken));
        }

        return runs;
    }

    private static FileInfo DefaultReport(bool quick) => quick
        ? new FileInfo(Path.Combine(Path.GetTempPath(), "smeai-evaluation-quick.md"))
        : new FileInfo(Path.Combine("docs", "evaluation.md"));

    private static string FindDatasets() =>
        DatasetLocator.TryFindDatasets() ?? DatasetLocator.TryFindDatasets(Environment.CurrentDirectory)
        ?? throw new CliException("the shared datasets folder was not found (../shared/datasets beside the repository); give it with --datasets-dir");

    private static EvaluationDatasets Selected(string[]? names) =>
        names is not { Length: > 0 } ? EvaluationDatasets.All : names.Aggregate(EvaluationDatasets.None, (all, name) => all | _datasets[name]);

    private static void MakeQuick(EvaluationOptions options)
    {
        options.MaxRowsPerDataset = QuickRows;
        options.MaxEngines = QuickEngines;
        options.UseGanAugmentation = false;
        options.NslKddVae.Epochs = 4;
        options.CmapssVae.Epochs = 8;
        options.ChurnClassifier.Epochs = 10;
        options.Ai4iClassifier.Epochs = 10;
    }

    /// <summary>The default command as the report names it, or the arguments this run was given.</summary>
    private static string CommandLine(ParseResult parsed)
    {
        var arguments = parsed.Tokens.Select(t => t.Value).ToList();
        return arguments.Count == 1 ? EvaluationRunner.DefaultCommand : $"`{EvaluationRunner.DefaultCommand} {string.Join(' ', arguments.Skip(1))}`";
    }

    /// <summary>Reports on the worker's thread at once (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
