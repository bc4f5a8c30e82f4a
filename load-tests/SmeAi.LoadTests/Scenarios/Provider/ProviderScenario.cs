using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SmeAi.LoadTests.Kafka;
using SmeAi.LoadTests.Measurement;
using SmeAi.LoadTests.Silo;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.LoadTests.Scenarios.Provider;

/// <summary>
/// Issue 3's benchmark. On an embedded broker: pre-produce events; consume them with a plain Confluent.Kafka loop
/// (the baseline); consume them again through the Kafka stream provider into a counting grain in one in-process silo;
/// then produce paced events at a share of the provider's rate and record produce-to-grain latency.
/// </summary>
internal sealed partial class ProviderScenario(ProviderScenarioOptions options, ILogger<ProviderScenario> logger, TimeProvider timeProvider)
{
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(5);

    public async Task<ProviderScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics =
            {
                new EmbeddedKafkaTopicOptions { Name = LoadTestNames.TelemetryTopic, Partitions = options.Partitions },
                new EmbeddedKafkaTopicOptions { Name = KafkaStreamOptions.DefaultDeadLetterTopic, Partitions = 1 },
            },
        });
        var bootstrap = broker.BootstrapServers;

        var produceStart = Stopwatch.GetTimestamp();
        await Task.Run(
            () => BulkProducer.Produce(bootstrap, LoadTestNames.TelemetryTopic, options.Partitions, options.Events, options.Keys, cancellationToken),
            cancellationToken);
        var produceSeconds = Stopwatch.GetElapsedTime(produceStart).TotalSeconds;
        LogProduced(logger, options.Events, options.Keys, options.Partitions, produceSeconds, bootstrap);

        var baseline = await Task.Run(
            () => PlainConsumerLoop.Run(bootstrap, LoadTestNames.TelemetryTopic, options.Partitions, options.Events, options.PhaseTimeout, cancellationToken),
            cancellationToken);
        LogBaseline(logger, baseline.Events, baseline.EventsPerSecond, baseline.CpuCores);

        await using var silo = await LoadTestSilo.StartAsync(
            new LoadTestSiloOptions { BootstrapServers = bootstrap, GroupId = $"loadtest-provider-{Guid.NewGuid():N}", Tune = options.TuneProvider },
            cancellationToken);
        var probe = silo.Probe;
        probe.MeasureThroughputUntil(options.Events);
        var delivered = await WaitForDeliveriesAsync(probe, options.Events, 0, "the provider throughput phase", cancellationToken);
        var provider = probe.Throughput();
        LogProvider(logger, provider.Events, provider.EventsPerSecond, provider.CpuCores);

        var rate = Math.Max(1, Math.Round(provider.EventsPerSecond * options.LatencyLoad));
        LogLatencyStarting(logger, rate, options.LatencyWarmUp.TotalSeconds, options.LatencyDuration.TotalSeconds);
        var latencyCpu = CpuSampler.Start();
        var duplicatesBefore = probe.Duplicates;
        var paced = options.SeparateProducerProcess && PacedProducerProcess.Available
            ? await PacedProducerProcess.RunAsync(
                bootstrap, LoadTestNames.TelemetryTopic, options.Keys, options.Events, rate, options.LatencyWarmUp, options.LatencyDuration,
                probe.StartLatencyRecording, cancellationToken)
            : await PacedProducer.RunAsync(
                bootstrap, LoadTestNames.TelemetryTopic, options.Keys, options.Events, rate, options.LatencyWarmUp, options.LatencyDuration,
                probe.StartLatencyRecording, timeProvider, cancellationToken);
        var latencyDelivered = await WaitForDeliveriesAsync(probe, paced, delivered.Distinct, "the latency phase", cancellationToken, duplicatesBefore);
        var latency = LatencySummary.From(probe.StopLatencyRecording());
        var latencyCores = latencyCpu.Cores();
        LogLatency(logger, latency.Samples, latency.P50.TotalMilliseconds, latency.P99.TotalMilliseconds, latency.Max.TotalMilliseconds);

        return new ProviderScenarioResult(options, options.Events, baseline, provider, delivered, rate, latencyDelivered, latencyCores, latency);
    }

    /// <summary>
    /// Waits until the grains got <paramref name="produced"/> distinct events beyond the <paramref name="before"/>
    /// delivered earlier, or until none new came for <see cref="ProviderScenarioOptions.DeliveryIdleTimeout"/> (or the
    /// phase timeout passed): what is missing then counts as lost.
    /// </summary>
    private async Task<DeliveryCount> WaitForDeliveriesAsync(
        DeliveryProbe probe, long produced, long before, string phase, CancellationToken cancellationToken, long duplicatesBefore = 0)
    {
        var start = Stopwatch.GetTimestamp();
        var (lastCount, lastProgress) = (probe.Distinct, start);
        while (probe.Distinct is var distinct && distinct - before < produced)
        {
            if (distinct != lastCount)
            {
                (lastCount, lastProgress) = (distinct, Stopwatch.GetTimestamp());
            }

            if (Stopwatch.GetElapsedTime(lastProgress) > options.DeliveryIdleTimeout || Stopwatch.GetElapsedTime(start) > options.PhaseTimeout)
            {
                LogMissing(logger, phase, produced - (distinct - before), produced);
                break;
            }

            await Task.Delay(_pollInterval, timeProvider, cancellationToken);
        }

        return new DeliveryCount(produced, probe.Distinct - before, probe.Duplicates - duplicatesBefore);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Produced {Events} events for {Keys} keys over {Partitions} partitions in {Seconds:F2} s to the embedded broker at {BootstrapServers}")]
    private static partial void LogProduced(ILogger logger, long events, int keys, int partitions, double seconds, string bootstrapServers);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information,
        Message = "Baseline (plain consumer loop): {Events} events, {EventsPerSecond:F0} events/s, {CpuCores:F2} cores busy")]
    private static partial void LogBaseline(ILogger logger, long events, double eventsPerSecond, double cpuCores);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information,
        Message = "Provider (one silo, batch-observer grain): {Events} events, {EventsPerSecond:F0} events/s, {CpuCores:F2} cores busy")]
    private static partial void LogProvider(ILogger logger, long events, double eventsPerSecond, double cpuCores);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information,
        Message = "Latency phase: {Rate:F0} events/s, {WarmUpSeconds:F0} s warm-up then {Seconds:F0} s recorded")]
    private static partial void LogLatencyStarting(ILogger logger, double rate, double warmUpSeconds, double seconds);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning,
        Message = "In {Phase} {Missing} of {Produced} events never reached the grains: counted as lost")]
    private static partial void LogMissing(ILogger logger, string phase, long missing, long produced);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information,
        Message = "Latency: {Samples} samples, p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms, max {MaxMs:F1} ms")]
    private static partial void LogLatency(ILogger logger, long samples, double p50Ms, double p99Ms, double maxMs);
}
