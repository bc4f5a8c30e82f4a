using SmeAi.LoadTests.Measurement;

namespace SmeAi.LoadTests.Scenarios.Provider;

/// <summary>What one run of the provider benchmark measured.</summary>
/// <param name="Options">The run's size and durations.</param>
/// <param name="Produced">Events pre-produced for the throughput phases.</param>
/// <param name="Baseline">The plain Confluent.Kafka loop consuming them.</param>
/// <param name="Provider">The provider delivering them to the counting grains: distinct events, first delivery to the last.</param>
/// <param name="ProviderDelivered">The throughput phase's events against the distinct ones the grains got, and redeliveries.</param>
/// <param name="LatencyRate">Events/s produced in the latency phase.</param>
/// <param name="LatencyDelivered">The latency phase's events (warm-up included) against the distinct ones the grains got.</param>
/// <param name="LatencyCpuCores">Busy cores while the paced events were produced and delivered.</param>
/// <param name="Latency">Produce-to-grain latency of the events delivered after the warm-up.</param>
internal sealed record ProviderScenarioResult(
    ProviderScenarioOptions Options,
    long Produced,
    Throughput Baseline,
    Throughput Provider,
    DeliveryCount ProviderDelivered,
    double LatencyRate,
    DeliveryCount LatencyDelivered,
    double LatencyCpuCores,
    LatencySummary Latency)
{
    /// <summary>Issue 3's targets on the 2-core build machine.</summary>
    public const double TargetRatio = 0.5;

    public static readonly TimeSpan TargetP99 = TimeSpan.FromMilliseconds(50);

    public double Ratio => Baseline.EventsPerSecond > 0 ? Provider.EventsPerSecond / Baseline.EventsPerSecond : 0;

    public bool RatioTargetMet => Ratio >= TargetRatio;

    public bool LatencyTargetMet => Latency.Samples > 0 && Latency.P99 <= TargetP99;
}
