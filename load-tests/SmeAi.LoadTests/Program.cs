using System.CommandLine;
using Microsoft.Extensions.Logging;
using SmeAi.LoadTests.Cli;

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information));
var root = new RootCommand("SmeAi load tests: scenarios against an in-process cluster and the embedded Kafka broker, with their baselines")
{
    ProviderCommand.Create(loggerFactory),
};
return await root.Parse(args).InvokeAsync();
