namespace SmeAi.Abstractions;

/// <summary>Stream provider and namespace names, in one place so producers and subscribers agree.</summary>
public static class StreamNames
{
    /// <summary>The Kafka-backed persistent stream provider that carries the input topics.</summary>
    public const string KafkaProvider = "Kafka";

    /// <summary>Stream namespaces, one per input topic; the stream key is the entity id.</summary>
    public const string MachineTelemetry = "machine-telemetry";
    public const string CustomerEvents = "customer-events";
    public const string SecurityEvents = "security-events";

    /// <summary>The in-cluster stream provider that carries alerts to the live dashboard.</summary>
    public const string AlertProvider = "Alerts";

    /// <summary>Alerts of every domain go to one stream: namespace <see cref="Alerts"/>, key <see cref="AllAlertsKey"/>.</summary>
    public const string Alerts = "alerts";

    public const string AllAlertsKey = "all";
}
