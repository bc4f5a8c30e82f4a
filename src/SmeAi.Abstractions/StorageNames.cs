namespace SmeAi.Abstractions;

/// <summary>Names of the Orleans storage providers, shared by the host and the grains.</summary>
public static class StorageNames
{
    /// <summary>Grain state (entity grains, model registry). In-memory in embedded mode, PostgreSQL otherwise.</summary>
    public const string Default = "Default";

    /// <summary>Stream pub/sub state; only explicit subscriptions use it.</summary>
    public const string PubSub = "PubSubStore";
}
