using HdrHistogram;
using Microsoft.Extensions.Time.Testing;
using Orleans.Streams;
using SmeAi.Abstractions.Events;
using SmeAi.LoadTests.Measurement;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.LoadTests.Tests;

/// <summary>
/// The provider benchmark's per-silo probe: deliveries are deduplicated by (partition, offset), so a redelivery cannot
/// hide a lost event, and the throughput window (time and CPU) closes at the delivery that brought the last new event.
/// </summary>
public sealed class DeliveryProbeTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_redelivered_event_counts_once_and_cannot_stand_in_for_a_lost_one()
    {
        var probe = new DeliveryProbe(_time);

        // Offsets 0..9 of partition 0 produced; 7 never arrives, 3 arrives twice.
        probe.Delivered(Items(0, [0, 1, 2, 3, 4]));
        probe.Delivered(Items(0, [3, 5, 6, 8, 9]));
        var count = new DeliveryCount(10, probe.Distinct, probe.Duplicates);

        Assert.Equal(9, count.Distinct);
        Assert.Equal(1, count.Duplicates);
        Assert.Equal(1, count.Lost);
    }

    [Fact]
    public void The_same_offset_on_another_partition_is_another_event()
    {
        var probe = new DeliveryProbe(_time);

        probe.Delivered(Items(0, [0, 1]));
        probe.Delivered(Items(1, [0, 1]));

        Assert.Equal(4, probe.Distinct);
        Assert.Equal(0, probe.Duplicates);
    }

    [Fact]
    public void Throughput_window_ends_at_the_delivery_that_reached_the_target_not_at_later_redeliveries()
    {
        var probe = new DeliveryProbe(_time);
        probe.MeasureThroughputUntil(10);

        probe.Delivered(Items(0, [0, 1, 2, 3, 4]));
        probe.Delivered(Items(1, [0, 1, 2, 3, 4]));
        var atTarget = probe.Throughput();
        probe.Delivered(Items(1, [3, 4]));

        Assert.Equal(10, atTarget.Events);
        Assert.Equal(atTarget, probe.Throughput());
    }

    [Fact]
    public void Latency_is_recorded_once_per_new_event_while_recording()
    {
        var probe = new DeliveryProbe(_time);
        probe.Delivered(Items(0, [0, 1]));

        probe.StartLatencyRecording();
        probe.Delivered(Items(0, [1, 2, 3]));
        var latency = probe.StopLatencyRecording();

        Assert.Equal(2, latency.TotalCount);
        Assert.Equal(latency.HighestEquivalentValue(30_000), latency.GetMaxValue());
    }

    private List<SequentialItem<MachineTelemetry>> Items(int partition, long[] offsets) =>
    [
        .. offsets.Select(offset => new SequentialItem<MachineTelemetry>(
            new MachineTelemetry($"m-{offset}", _time.GetUtcNow().AddMilliseconds(-30), MachineTelemetry.KindTelemetry, new Dictionary<string, double> { ["t"] = 1 }),
            new KafkaStreamSequenceToken(partition, offset))),
    ];
}
