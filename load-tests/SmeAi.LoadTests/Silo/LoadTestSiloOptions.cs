using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.LoadTests.Silo;

/// <summary>What the in-process load-test silo connects to and how its Kafka provider is tuned.</summary>
internal sealed class LoadTestSiloOptions
{
    public required string BootstrapServers { get; init; }

    /// <summary>Consumer group of the provider; a fresh one reads the topic from the beginning.</summary>
    public required string GroupId { get; init; }

    /// <summary>Applied to the provider's options after the scenario's own settings, to tune it.</summary>
    public Action<KafkaStreamOptions>? Tune { get; init; }
}
