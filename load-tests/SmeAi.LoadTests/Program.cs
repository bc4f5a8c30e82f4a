using System.CommandLine;
using Microsoft.Extensions.Logging;
using SmeAi.LoadTests.Cli;

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(LogLevel.Information));
var root = new RootCommand("SmeAi load tests: the Kafka provider in process and the pipeline in silo processes, with their baselines")
{
    ProviderCommand.Create(loggerFactory),
    PipelineCommand.Create(loggerFactory),
    AllCommand.Create(loggerFactory),
    PacedProducerCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
