using System.CommandLine;
using SmeAi.LoadTests.Kafka;

namespace SmeAi.LoadTests.Cli;

/// <summary>The hidden child command that produces the provider scenario's paced load in a process of its own.</summary>
internal static class PacedProducerCommand
{
    public static Command Create()
    {
        var arguments = new Argument<string[]>("arguments") { Arity = new ArgumentArity(7, 7) };
        var command = new Command(PacedProducerProcess.CommandName, "Internal: paced producer of the provider scenario") { arguments };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => PacedProducerProcess.ChildAsync(parse.GetValue(arguments)!, TimeProvider.System, cancellationToken));
        return command;
    }
}
