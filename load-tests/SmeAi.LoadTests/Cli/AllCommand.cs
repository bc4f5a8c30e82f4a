using System.CommandLine;
using Microsoft.Extensions.Logging;
using SmeAi.LoadTests.Pipeline;
using SmeAi.LoadTests.Scenarios.Provider;

namespace SmeAi.LoadTests.Cli;

/// <summary><c>all</c>: every load benchmark in one run (provider, then pipeline), each writing its section of docs/benchmarks.md.</summary>
internal static class AllCommand
{
    public static Command Create(ILoggerFactory loggerFactory)
    {
        var quick = PipelineCommand.QuickOption();
        var output = PipelineCommand.OutputOption();
        var command = new Command("all", "The provider benchmark, then the pipeline scenarios; one command for docs/benchmarks.md") { quick, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            var commandLine = PipelineCommand.CommandLine(parse);
            var providerOptions = (isQuick ? ProviderScenarioOptions.Quick : new ProviderScenarioOptions()) with { TuneProvider = ProviderTuning.Apply };
            var docs = PipelineCommand.DocsDirectory(parse.GetValue(output), isQuick);
            await ProviderCommand.RunAsync(providerOptions, commandLine, writeDocs: true, loggerFactory, cancellationToken, docs);

            var result = await PipelineBenchmark.RunAsync(PipelineCommand.Options(isQuick), docs, commandLine, loggerFactory, cancellationToken);
            await Console.Out.WriteLineAsync(PipelineReport.Summary(result));
            await Console.Out.WriteLineAsync($"Wrote the \"{PipelineReport.Heading[3..]}\" section of {Path.Combine(docs, "benchmarks.md")} and its charts.");
            return 0;
        });
        return command;
    }
}
