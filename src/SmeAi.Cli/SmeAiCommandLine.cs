using System.CommandLine;
using SmeAi.Cli.Commands;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli;

/// <summary>The <c>smeai</c> command line: parses, runs one command, and turns any failure into one <c>error:</c> line and an exit code.</summary>
public static class SmeAiCommandLine
{
    /// <summary>The root command with every subcommand of <see cref="CommandCatalog"/>.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("smeai: simulate and replay streams into Kafka, export scores, manage the models of a SmeAi silo.");
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs <paramref name="args"/> with the given output and error writers; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var parsed = CreateRootCommand().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // An unknown word explains the rest ("Required command was not provided" for `smeai --bogus`): name it first.
            var message = parsed.UnmatchedTokens.Count > 0
                ? $"unknown command or option '{parsed.UnmatchedTokens[0]}'"
                : parsed.Errors[0].Message;
            await error.WriteLineAsync($"error: {message} (see 'smeai --help')");
            return ExitCodes.Usage;
        }

        // Signals are the caller's business (Program.cs turns them into cancellation), so no handler of the library's own.
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync($"error: {ErrorMessages.Describe(ex)}");
            if (Environment.GetEnvironmentVariable("SMEAI_DEBUG") == "1")
            {
                await error.WriteLineAsync(ex.ToString());
            }

            return ExitCodes.Failure;
        }
    }
}
