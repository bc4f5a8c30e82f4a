using System.CommandLine;

namespace SmeAi.Cli.Commands;

/// <summary>Every subcommand of <c>smeai</c>, in help order. A new command is one file in this folder and one line here.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<Command> Create() =>
    [
        SimulateCommand.Create(),
        ReplayCommand.Create(),
        ScoresCommand.Create(),
        ModelsCommand.Create(),
        StatusCommand.Create(),
        EvaluateCommand.Create(),
    ];
}
