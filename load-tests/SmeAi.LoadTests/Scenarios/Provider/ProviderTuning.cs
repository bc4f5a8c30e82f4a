using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.LoadTests.Scenarios.Provider;

/// <summary>
/// Provider settings the benchmark runs with beyond the required ones; the report lists them. None: the defaults
/// measured best (a 5 ms <c>PollPeriod</c> lowered both throughput and latency on the 2-core machine).
/// </summary>
internal static class ProviderTuning
{
    public static void Apply(KafkaStreamOptions options) => ArgumentNullException.ThrowIfNull(options);
}
