using System.Diagnostics;
using SmeAi.Evaluation.Datasets;
using SmeAi.Evaluation.Evaluators;

namespace SmeAi.Evaluation;

/// <summary>
/// Runs the model-quality evaluation: for each selected dataset, our trainers and the ML.NET baselines on the same
/// held-out split of the seed. Training runs on a dedicated thread pool task, one dataset after the other.
/// </summary>
public sealed class EvaluationRunner
{
    /// <summary>The command the report names; the CLI wires it to <see cref="RunAsync"/>.</summary>
    public const string DefaultCommand = "dotnet run -c Release --project src/SmeAi.Cli -- evaluate";

    private readonly TimeProvider _timeProvider;

    public EvaluationRunner(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    public Task<EvaluationReport> RunAsync(EvaluationOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(options, DefaultCommand, progress, cancellationToken);

    /// <param name="command">The command line that started the run, recorded in the report.</param>
    public async Task<EvaluationReport> RunAsync(EvaluationOptions options, string command, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        EvaluationOptionsValidator.Instance.ThrowIfInvalid(options);
        var startedAt = _timeProvider.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var results = new List<DatasetEvaluation>();
        foreach (var (dataset, evaluate) in Evaluations)
        {
            if (!options.Datasets.HasFlag(dataset))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            // Training is long CPU work: keep it off the caller's thread (and off any Orleans scheduler).
            var result = await Task.Factory.StartNew(
                () => evaluate(options, progress, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
            progress?.Report($"{result.Dataset}: done in {result.Duration.TotalSeconds:F0} s");
            results.Add(result);
        }

        return new EvaluationReport(options.Seed, startedAt, watch.Elapsed, MachineDescription.Current(), command, results);
    }

    private static readonly (EvaluationDatasets Dataset, Func<EvaluationOptions, IProgress<string>?, CancellationToken, DatasetEvaluation> Evaluate)[] Evaluations =
    [
        (EvaluationDatasets.TelcoChurn, ChurnEvaluation.Run),
        (EvaluationDatasets.NslKdd, NslKddEvaluation.Run),
        (EvaluationDatasets.Ai4i2020, Ai4iEvaluation.Run),
        (EvaluationDatasets.CmapssFd001, CmapssEvaluation.Run),
    ];
}
