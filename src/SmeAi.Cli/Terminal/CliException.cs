namespace SmeAi.Cli.Terminal;

/// <summary>A failure the user can act on; its message is printed as-is after <c>error:</c>.</summary>
public sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
