using System.CommandLine;
using Microsoft.Extensions.Logging;
using SmeAi.LoadTests.Pipeline;
using SmeAi.LoadTests.Reporting;

namespace SmeAi.LoadTests.Cli;

/// <summary><c>pipeline</c>: the real pipeline under steady, burst, hot-swap, silo-loss and many-entity loads, with its baseline (issue 7).</summary>
internal static class PipelineCommand
{
    public const string CommandPrefix = "dotnet run -c Release --project load-tests/SmeAi.LoadTests --";

    public static Command Create(ILoggerFactory loggerFactory)
    {
        var quick = QuickOption();
        var output = OutputOption();
        var skip = new Option<string[]>("--skip")
        {
            Description = $"Scenarios not to run: {PipelineScenario.Steady}, {PipelineScenario.Burst}, {PipelineScenario.HotSwap}, {PipelineScenario.Entities}, {PipelineScenario.SiloLoss}",
            AllowMultipleArgumentsPerToken = true,
        };
        var load = new Option<double?>("--load")
        {
            Description = "Share of the measured maximum rate that the steady, hot-swap and silo-loss phases produce at (default 0.5, the issue's target load)",
        };
        var rateBase = new Option<double?>("--rate-base")
        {
            Description = "Events/s the loads are shares of, instead of the measured maximum (A/B runs at the same loads; the report's figures stay the measured ones)",
        };
        var entityEvents = new Option<int?>("--entity-events")
        {
            Description = "Events each machine of the entities phase gets (default: enough to fill its recent-score history, so the machines are warm)",
        };
        var siloMemory = new Option<int?>("--silo-memory")
        {
            Description = $"MiB each silo process started here may use, as in a container with that memory limit (.NET keeps its heap to 75%); 0 for no limit (default 2048)",
        };
        var siloLogs = new Option<string?>("--silo-logs") { Description = "Folder to write each silo process's output to when the run ends (silo-0.log, ...)" };
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Kafka of a running silo to load instead of starting silos (needs --silo-url)" };
        var siloUrl = new Option<Uri?>("--silo-url") { Description = "HTTP API of that running silo, e.g. http://127.0.0.1:5080/ (needs --bootstrap)" };
        var apiKey = new Option<string?>("--api-key") { Description = "Its API key, for retrain and promote (default: SMEAI_API_KEY)" };
        var siloPid = new Option<int?>("--silo-pid") { Description = "Its process id when it runs on this machine, to sample its CPU and memory" };
        var command = new Command("pipeline", "Silo processes scoring events end to end under load, against a plain consumer loop with the same scorer")
        {
            quick, output, skip, load, rateBase, entityEvents, siloMemory, siloLogs, bootstrap, siloUrl, apiKey, siloPid,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = Options(parse.GetValue(quick));
            if (parse.GetValue(skip) is { Length: > 0 } skipped)
            {
                options = options with { Skip = skipped.ToHashSet(StringComparer.Ordinal) };
            }

            if (parse.GetValue(load) is { } share)
            {
                if (share is not (> 0 and <= 1))
                {
                    await Console.Error.WriteLineAsync($"--load must be in (0, 1] (was {share}).");
                    return 2;
                }

                options = options with { Load = share };
            }

            if (parse.GetValue(rateBase) is { } basis)
            {
                if (!(basis >= 1))
                {
                    await Console.Error.WriteLineAsync($"--rate-base must be at least 1 event/s (was {basis}).");
                    return 2;
                }

                options = options with { RateBase = basis };
            }

            if (parse.GetValue(entityEvents) is { } perEntity)
            {
                if (perEntity < 1)
                {
                    await Console.Error.WriteLineAsync($"--entity-events must be at least 1 (was {perEntity}).");
                    return 2;
                }

                options = options with { EventsPerEntity = perEntity };
            }

            if (parse.GetValue(siloMemory) is { } memory)
            {
                if (memory is not 0 and < SiloMemoryLimit.MinimumMiB)
                {
                    await Console.Error.WriteLineAsync($"--silo-memory must be 0 (no limit) or at least {SiloMemoryLimit.MinimumMiB} MiB (was {memory}).");
                    return 2;
                }

                options = options with { SiloMemoryLimitMiB = memory == 0 ? null : memory };
            }

            if (parse.GetValue(siloLogs) is { Length: > 0 } logs)
            {
                options = options with { SiloLogDirectory = Path.GetFullPath(logs) };
            }

            if (parse.GetValue(bootstrap) is not null || parse.GetValue(siloUrl) is not null)
            {
                var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("SMEAI_API_KEY");
                if (parse.GetValue(bootstrap) is not { Length: > 0 } servers || parse.GetValue(siloUrl) is not { IsAbsoluteUri: true } url || string.IsNullOrEmpty(key))
                {
                    await Console.Error.WriteLineAsync("A running silo needs --bootstrap, an absolute --silo-url and an API key (--api-key or SMEAI_API_KEY).");
                    return 2;
                }

                options = options with { Target = new RunningSilo(servers, url, key, parse.GetValue(siloPid)) };
            }

            // A running silo's figures describe that silo and its machine, not this repository's reference run.
            var docs = DocsDirectory(parse.GetValue(output), parse.GetValue(quick) || options.Target is not null);
            var result = await PipelineBenchmark.RunAsync(options, docs, CommandLine(parse), loggerFactory, cancellationToken);
            await Console.Out.WriteLineAsync(PipelineReport.Summary(result));
            await Console.Out.WriteLineAsync($"Wrote the \"{PipelineReport.Heading[3..]}\" section of {Path.Combine(docs, "benchmarks.md")} and its charts.");
            return 0;
        });
        return command;
    }

    public static PipelineScenarioOptions Options(bool quick) => quick ? PipelineScenarioOptions.Quick : new PipelineScenarioOptions();

    public static Option<bool> QuickOption() =>
        new("--quick") { Description = "Smoke run of under a minute (one silo, small loads); the report goes to a scratch folder unless --output is given" };

    public static Option<string?> OutputOption() =>
        new("--output") { Description = "Folder for benchmarks.md and img/ (default: the repository's docs/, or a scratch folder with --quick or a running silo)" };

    /// <summary>The repository's <c>docs</c> for a full run; a scratch folder for a quick one, whose figures mean little.</summary>
    public static string DocsDirectory(string? output, bool quick)
    {
        if (output is not null)
        {
            return Path.GetFullPath(output);
        }

        if (quick)
        {
            return Path.Combine(Path.GetTempPath(), "smeai-loadtests-quick");
        }

        var root = BenchmarksDocument.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException($"Not inside the repository (no SmeAi.Orleans.sln above {Environment.CurrentDirectory}); pass --output.");
        return Path.Combine(root, "docs");
    }

    public static string CommandLine(ParseResult parse) => $"{CommandPrefix} {string.Join(' ', parse.Tokens.Select(t => t.Value))}";
}
