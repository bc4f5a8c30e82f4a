using Microsoft.Extensions.Logging;
using SmeAi.LoadTests.Pipeline;
using Xunit.Abstractions;

namespace SmeAi.LoadTests.Tests;

/// <summary>
/// Runs the quick pipeline scenarios against a real silo process: every phase must have produced events, had them
/// scored end to end, recorded latencies, and the report and its charts must be written. It never asserts how fast.
/// A failed run leaves the harness's log and the silo's warnings and errors in the test's output.
/// </summary>
public sealed class PipelineScenarioSmokeTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// Ends a run that stopped making progress well before the test host's hang timeout (10 min), so the failure names
    /// where it stood instead of aborting the test project. A healthy quick run takes about a minute.
    /// </summary>
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(7);

    /// <summary>Lines of the silo's log shown for a failed run, the last ones kept.</summary>
    private const int SiloLogLines = 150;

    private static readonly string[] ProblemLevels = [" warn: ", " fail: ", " crit: "];

    private readonly string _docs = Path.Combine(Path.GetTempPath(), $"smeai-pipeline-smoke-{Guid.NewGuid():N}");

    [Fact]
    public async Task Quick_pipeline_run_measures_every_phase_and_writes_the_report()
    {
        // The drain timeout only ends a failing run: a loaded CI machine may take longer than the quick run's 20 s to
        // score the last events, which would otherwise count as lost.
        var siloLogs = Path.Combine(_docs, "silo-logs");
        var options = PipelineScenarioOptions.Quick with { DrainTimeout = TimeSpan.FromMinutes(3), SiloLogDirectory = siloLogs };
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(new TestOutputLoggerProvider(output)));
        using var deadline = new CancellationTokenSource(RunDeadline);

        PipelineResult result;
        try
        {
            result = await PipelineBenchmark.RunAsync(options, _docs, "smoke test", loggers, deadline.Token);
        }
        finally
        {
            WriteSiloProblems(siloLogs);
        }

        Assert.InRange(result.Pipeline.Events, 1, options.MaxRateEvents);
        Assert.True(result.Pipeline.EventsPerSecond > 0, "the pipeline measured no rate");
        Assert.Equal(options.MaxRateEvents, result.Baseline.Events);
        Assert.True(result.Baseline.EventsPerSecond > 0, "the baseline measured no rate");
        Assert.Equal(
            [PipelineScenario.Steady, PipelineScenario.Burst, PipelineScenario.HotSwap, PipelineScenario.Entities],
            result.Phases.Select(p => p.Name));
        foreach (var phase in result.Phases)
        {
            Assert.True(phase.Produced > 0, $"{phase.Name} produced nothing");
            Assert.Equal(0, phase.Lost);
            // Every event of the phase was scored inside its window, so each left a latency there.
            Assert.True(phase.Latency.Samples >= phase.Produced, $"{phase.Name}: {phase.Latency.Samples} latencies for {phase.Produced} events");
            Assert.InRange(phase.ScoredDuringLoad, 0, phase.Produced);
            // No event can have waited longer than the phase and its warm-up lasted: ts is stamped on the run's clock.
            Assert.True(phase.Latency.Max <= phase.To - phase.From + options.WarmUp + TimeSpan.FromSeconds(5), $"{phase.Name}: max latency {phase.Latency.Max} outlasts the phase");
            Assert.True(phase.PeakWorkingSetMiB > 0, $"{phase.Name} sampled no silo memory");
            Assert.True(File.Exists(Path.Combine(_docs, PipelineReport.ChartPath(phase))), $"{phase.Name} has no chart");
        }

        var swap = result.Phase(PipelineScenario.HotSwap)!;
        Assert.Contains(swap.Markers, m => m.Label.StartsWith("promoted", StringComparison.Ordinal));
        Assert.True(swap.EventLatency!.Samples > 0, "no latency recorded during the swap");
        Assert.True(swap.BeforeLatency!.Samples > 0, "no latency recorded before the swap");
        Assert.True(swap.BeforeLatency.Samples + swap.EventLatency.Samples <= swap.Latency.Samples, "the windows before and during the swap overlap or leave the phase");
        Assert.Equal(EventComparison.SteadyPhase, result.Comparison(swap)!.ReferenceName);
        // Machines moved to the promoted version during the swap, and none went back to the one before.
        Assert.True(swap.Versions.Forward > 0, "no machine was seen moving to a newer model version during the swap");
        Assert.Equal(0, swap.Versions.Backward);

        var report = await File.ReadAllTextAsync(Path.Combine(_docs, "benchmarks.md"));
        Assert.Contains(PipelineReport.Heading, report, StringComparison.Ordinal);
        Assert.Contains("![hot-swap](img/pipeline-hot-swap.png)", report, StringComparison.Ordinal);
    }

    /// <summary>The warnings and errors of each silo's log (written when the run ended), for the output of a failed test.</summary>
    private void WriteSiloProblems(string siloLogs)
    {
        if (!Directory.Exists(siloLogs))
        {
            return;
        }

        foreach (var log in Directory.GetFiles(siloLogs, "*.log"))
        {
            // Lines read "HH:mm:ss warn: Category[id] message" (the silo's console format with a timestamp).
            var problems = File.ReadLines(log).Where(line => ProblemLevels.Any(level => line.Contains(level, StringComparison.Ordinal))).ToList();
            output.WriteLine($"{Path.GetFileName(log)}: {problems.Count} warning and error lines, the last {Math.Min(problems.Count, SiloLogLines)}:");
            foreach (var line in problems.TakeLast(SiloLogLines))
            {
                output.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_docs))
        {
            Directory.Delete(_docs, recursive: true);
        }
    }
}
