using System.CommandLine;
using Microsoft.Extensions.Logging;
using SmeAi.LoadTests.Reporting;
using SmeAi.LoadTests.Scenarios.Provider;

namespace SmeAi.LoadTests.Cli;

/// <summary><c>provider</c>: the Kafka stream provider against a plain consumer loop, then its latency (issue 3).</summary>
internal static class ProviderCommand
{
    private const string CommandPrefix = "dotnet run -c Release --project load-tests/SmeAi.LoadTests --";

    public static Command Create(ILoggerFactory loggerFactory)
    {
        var events = PositiveOption("--events", "Events to pre-produce (default 400,000; 20,000 with --quick)");
        var keys = PositiveOption("--keys", "Distinct machine ids (default 1,000)");
        var partitions = PositiveOption("--partitions", "Partitions of the benchmark topic (default 16)");
        var latencyLoad = new Option<double?>("--latency-load") { Description = "Share of the provider's measured rate the latency phase produces at (default 0.5)" };
        latencyLoad.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is <= 0 or > 1)
            {
                result.AddError("--latency-load must be in (0, 1].");
            }
        });
        var latencySeconds = PositiveOption("--latency-seconds", "Seconds of recorded latency after the warm-up (default 25; 5 with --quick)");
        var quick = new Option<bool>("--quick") { Description = "Smoke run of under a minute; figures are not written to docs/benchmarks.md" };
        var command = new Command("provider", "Kafka stream provider throughput against a plain Confluent.Kafka loop, and its produce-to-grain latency")
        {
            events, keys, partitions, latencyLoad, latencySeconds, quick,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            var defaults = isQuick ? ProviderScenarioOptions.Quick : new ProviderScenarioOptions();
            var options = defaults with
            {
                Events = parse.GetValue(events) ?? defaults.Events,
                Keys = parse.GetValue(keys) ?? defaults.Keys,
                Partitions = parse.GetValue(partitions) ?? defaults.Partitions,
                LatencyLoad = parse.GetValue(latencyLoad) ?? defaults.LatencyLoad,
                LatencyDuration = parse.GetValue(latencySeconds) is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.LatencyDuration,
                TuneProvider = ProviderTuning.Apply,
            };
            var commandLine = $"{CommandPrefix} {string.Join(' ', parse.Tokens.Select(t => t.Value))}";
            return RunAsync(options, commandLine, writeDocs: !isQuick, loggerFactory, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(
        ProviderScenarioOptions options, string commandLine, bool writeDocs, ILoggerFactory loggerFactory, CancellationToken cancellationToken,
        string? docsDirectory = null)
    {
        var scenario = new ProviderScenario(options, loggerFactory.CreateLogger<ProviderScenario>(), TimeProvider.System);
        var result = await scenario.RunAsync(cancellationToken);
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync(ProviderReport.Table(result));
        if (!writeDocs)
        {
            return 0;
        }

        var root = BenchmarksDocument.FindRepositoryRoot(Environment.CurrentDirectory);
        var path = docsDirectory is not null
            ? Path.Combine(docsDirectory, Path.GetFileName(BenchmarksDocument.RelativePath))
            : root is not null ? Path.Combine(root, BenchmarksDocument.RelativePath) : null;
        if (path is null)
        {
            await Console.Error.WriteLineAsync($"Not inside the repository (no SmeAi.Orleans.sln above {Environment.CurrentDirectory}); {BenchmarksDocument.RelativePath} not written.");
            return 0;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var section = ProviderReport.Section(result, commandLine, MachineDescription.Current(), DateTimeOffset.UtcNow, ProviderReport.ProviderSettings(options));
        BenchmarksDocument.ReplaceSection(path, ProviderReport.Heading, section);
        await Console.Out.WriteLineAsync($"Wrote the \"{ProviderReport.Heading[3..]}\" section of {path}.");
        return 0;
    }

    private static Option<int?> PositiveOption(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError($"{name} must be positive.");
            }
        });
        return option;
    }
}
