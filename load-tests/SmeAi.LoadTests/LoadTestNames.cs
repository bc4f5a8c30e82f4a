namespace SmeAi.LoadTests;

/// <summary>Topic, stream and provider names of the load tests, apart from the platform's so no domain grain subscribes.</summary>
internal static class LoadTestNames
{
    /// <summary>Topic the provider scenario produces machine telemetry to.</summary>
    public const string TelemetryTopic = "loadtest-telemetry";

    /// <summary>Stream namespace the provider maps <see cref="TelemetryTopic"/> to; the counting grain subscribes to it.</summary>
    public const string TelemetryNamespace = "loadtest-telemetry";

    /// <summary>Name of the Kafka stream provider in the load-test silo.</summary>
    public const string KafkaProvider = "Kafka";
}
