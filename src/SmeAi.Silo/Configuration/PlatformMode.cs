namespace SmeAi.Silo.Configuration;

/// <summary>How the silo keeps state: decided by whether <c>ConnectionStrings:Postgres</c> is set.</summary>
public enum PlatformMode
{
    /// <summary>One silo, in-memory state, embedded Kafka broker: nothing to install, nothing durable.</summary>
    Embedded,

    /// <summary>ADO.NET clustering, grain storage and reminders on PostgreSQL.</summary>
    Postgres,
}
