using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SmeAi.Abstractions;
using SmeAi.LoadTests.Kafka;
using SmeAi.LoadTests.Reporting;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>Runs the pipeline scenarios and writes their section of <c>benchmarks.md</c> and the charts into a docs folder.</summary>
internal static class PipelineBenchmark
{
    /// <param name="docsDirectory">Folder holding <c>benchmarks.md</c> and <c>img/</c> (the repository's <c>docs</c>, or a scratch folder).</param>
    public static async Task<PipelineResult> RunAsync(
        PipelineScenarioOptions options, string docsDirectory, string commandLine, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var started = Stopwatch.GetTimestamp();
        if (options.Target is { } target)
        {
            // The running silo's Kafka decides how many partitions the load spreads over and the watermarks cover.
            options = options with { Partitions = TopicPartitions.Of(target.BootstrapServers, TopicNames.MachineTelemetry) };
        }

        var scenario = new PipelineScenario(options, loggerFactory.CreateLogger<PipelineScenario>(), TimeProvider.System);
        var result = await scenario.RunAsync(cancellationToken);
        PipelineReport.WriteCharts(result, docsDirectory);
        var section = PipelineReport.Section(result, commandLine, MachineDescription.Current(), DateTimeOffset.UtcNow, Stopwatch.GetElapsedTime(started));
        BenchmarksDocument.ReplaceSection(Path.Combine(docsDirectory, Path.GetFileName(BenchmarksDocument.RelativePath)), PipelineReport.Heading, section);
        return result;
    }
}
