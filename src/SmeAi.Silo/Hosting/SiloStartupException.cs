namespace SmeAi.Silo.Hosting;

/// <summary>
/// A startup failure the operator can fix: the message names the setting and says what is wrong.
/// The host prints it as one line and exits non-zero instead of logging a stack trace.
/// </summary>
public sealed class SiloStartupException : Exception
{
    public SiloStartupException(string message)
        : base(message)
    {
    }

    public SiloStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SiloStartupException()
    {
    }
}
