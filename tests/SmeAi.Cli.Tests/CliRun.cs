namespace SmeAi.Cli.Tests;

/// <summary>What one in-process run of <c>smeai</c> printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await RunAsync(timeout.Token, args);
    }

    /// <summary>Runs until done or <paramref name="interrupt"/> fires, as Ctrl+C would.</summary>
    public static async Task<CliRun> RunAsync(CancellationToken interrupt, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SmeAiCommandLine.RunAsync(args, output, error, interrupt);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}stderr:{Environment.NewLine}{Error}";
}
