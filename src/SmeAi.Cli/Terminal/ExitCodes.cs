namespace SmeAi.Cli.Terminal;

/// <summary>Process exit codes of <c>smeai</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed (unreachable silo, unreadable file, refused request...).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (unknown option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C or SIGTERM stopped a command that cannot end early on its own terms (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
