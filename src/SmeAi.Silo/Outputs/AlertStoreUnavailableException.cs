namespace SmeAi.Silo.Outputs;

/// <summary>
/// The alert store did not take an entity's alerts in time (its database is down, and the store retries): an erasure
/// that waited on them stops before deleting anything of that store, and can be asked again once the database is back.
/// </summary>
public sealed class AlertStoreUnavailableException : Exception
{
    public AlertStoreUnavailableException()
    {
    }

    public AlertStoreUnavailableException(string message)
        : base(message)
    {
    }

    public AlertStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
