using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Cache;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Tests.Cache;

/// <summary>The provider's memory bound: no partition is read while memory is near what the process may use.</summary>
public sealed class KafkaMemoryGateTests
{
    private const long Available = 1_000;
    private long _used;
    private long _now;

    [Fact]
    public void Reading_stops_at_the_threshold_and_resumes_five_points_below_it()
    {
        var gate = NewGate(thresholdPercent: 90);

        Assert.False(IsClosedAt(899));
        Assert.True(IsClosedAt(900));
        Assert.True(IsClosedAt(850));
        Assert.False(IsClosedAt(849));

        bool IsClosedAt(long used)
        {
            _used = used;
            _now += 250;
            return gate.IsClosed;
        }
    }

    [Fact]
    public void Memory_is_measured_again_at_most_every_quarter_second()
    {
        var measured = 0;
        var gate = new KafkaMemoryGate(90, NullLogger.Instance, () => { measured++; return (_used, Available); }, () => _now);

        _used = 950;
        Assert.True(gate.IsClosed);
        _used = 0;
        _now += 249;
        Assert.True(gate.IsClosed);
        _now += 1;
        Assert.False(gate.IsClosed);
        Assert.Equal(2, measured);
    }

    [Fact]
    public void At_100_percent_it_never_stops_reading()
    {
        var gate = NewGate(thresholdPercent: 100);
        _used = Available;

        Assert.False(gate.IsClosed);
    }

    [Fact]
    public void A_closed_gate_puts_the_queue_under_pressure_and_marks_it_paused_although_its_cache_has_room()
    {
        var state = new KafkaQueueState(QueueId.GetQueueId("t", 0, 0), "t", 0, 100);
        var cache = new KafkaQueueCache(state, 10, 100, 1_000_000, TimeSpan.Zero, 0, () => _now, NewGate(thresholdPercent: 90));

        _used = 100;
        Assert.False(cache.IsUnderPressure());
        Assert.False(state.Paused);

        _used = 950;
        _now += 250;
        Assert.True(cache.IsUnderPressure());
        Assert.True(state.Paused);
        Assert.Equal(0, cache.MessageCount);
    }

    private KafkaMemoryGate NewGate(double thresholdPercent) =>
        new(thresholdPercent, NullLogger.Instance, () => (_used, Available), () => _now);
}
