namespace SmeAi.Cli.Terminal;

/// <summary>Process exit codes of <c>smeai</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed (unreachable silo, unreadable file, refused request...).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (unknown option, missing argument).</summary>
    public const int Usage = 2;
}
