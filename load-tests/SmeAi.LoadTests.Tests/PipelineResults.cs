using SmeAi.LoadTests.Measurement;
using SmeAi.LoadTests.Pipeline;

namespace SmeAi.LoadTests.Tests;

/// <summary>Pipeline results made up for the report's and the targets' tests: only the figures a test names matter.</summary>
internal static class PipelineResults
{
    public static LatencySummary P99(double milliseconds) =>
        new(1_000, TimeSpan.FromMilliseconds(milliseconds / 2), TimeSpan.FromMilliseconds(milliseconds * 0.9), TimeSpan.FromMilliseconds(milliseconds), TimeSpan.FromMilliseconds(milliseconds * 1.2));

    public static PhaseResult Phase(
        string name, LatencySummary latency, LatencySummary? during = null, LatencySummary? before = null, long lost = 0, double peakWorkingSetMiB = 500, VersionMoves versions = default) =>
        new(name, "load", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(50), 1_000, lost, 0, versions, 1_000 - lost, 25, latency, during, before, 0, 1, peakWorkingSetMiB, [], []);

    public static PipelineResult Result(double pipelinePerSecond, double baselinePerSecond, params PhaseResult[] phases) =>
        new(new PipelineScenarioOptions(), Rate(pipelinePerSecond), 1, true, Rate(baselinePerSecond), pipelinePerSecond / 2, phases);

    private static Throughput Rate(double eventsPerSecond) => new((long)eventsPerSecond, TimeSpan.FromSeconds(1), 1);
}
