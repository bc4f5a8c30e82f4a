using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Cache;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Tests.Cache;

/// <summary>The provider's memory bound: no partition is read while memory is near what the process may use.</summary>
public sealed class KafkaMemoryGateTests
{
    private const long Available = 1_000;

    // A fake GC: what its last collection measured, how many full collections ran, and what is live now.
    private long _measured;
    private long _collection;
    private long _live;
    private int _inducedCollections;
    private long _now;

    [Fact]
    public void Reading_stops_at_the_threshold_and_resumes_five_points_below_it()
    {
        var gate = NewGate(thresholdPercent: 90);

        Assert.False(IsClosedAfterCollectionAt(899));
        Assert.True(IsClosedAfterCollectionAt(900));
        Assert.True(IsClosedAfterCollectionAt(850));
        Assert.False(IsClosedAfterCollectionAt(849));

        bool IsClosedAfterCollectionAt(long used)
        {
            Collected(used);
            _now += 250;
            return gate.IsClosed;
        }
    }

    [Fact]
    public void Memory_is_measured_again_at_most_every_quarter_second()
    {
        var measured = 0;
        var gate = new KafkaMemoryGate(90, NullLogger.Instance, () => { measured++; return Reading(); }, clockMs: () => _now);

        Collected(950);
        Assert.True(gate.IsClosed);
        Collected(0);
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
        Collected(Available);

        Assert.False(gate.IsClosed);
    }

    [Fact]
    public void A_closed_gate_whose_measurement_no_collection_refreshed_for_two_seconds_asks_for_one_and_then_opens()
    {
        var gate = NewGate(thresholdPercent: 90);
        Collected(950);
        Assert.True(gate.IsClosed);

        // Shed grains are garbage now, but nothing collects: the last measurement stays at 95 %.
        _live = 500;
        for (var i = 0; i < 7; i++)
        {
            _now += 250;
            Assert.True(gate.IsClosed);
        }

        Assert.Equal(0, _inducedCollections);
        _now += 250;
        Assert.True(gate.IsClosed);
        Assert.Equal(1, _inducedCollections);

        _now += 250;
        Assert.False(gate.IsClosed);
    }

    [Fact]
    public void Gen0_collections_that_still_measure_the_garbage_do_not_put_off_the_full_collection()
    {
        var gate = NewGate(thresholdPercent: 90);
        Collected(950);
        Assert.True(gate.IsClosed);

        // Delivering the cache goes on allocating: gen0 collections measure again, but the shed grains stay in gen2.
        _live = 500;
        for (var i = 0; i < 8; i++)
        {
            _measured = 950;
            _now += 250;
            Assert.True(gate.IsClosed);
        }

        Assert.Equal(1, _inducedCollections);
        _now += 250;
        Assert.False(gate.IsClosed);
    }

    [Fact]
    public void An_open_gate_never_asks_for_a_collection()
    {
        var gate = NewGate(thresholdPercent: 90);
        Collected(500);
        for (var i = 0; i < 40; i++)
        {
            _now += 250;
            Assert.False(gate.IsClosed);
        }

        Assert.Equal(0, _inducedCollections);
    }

    [Fact]
    public void A_closed_gate_puts_the_queue_under_pressure_and_marks_it_paused_although_its_cache_has_room()
    {
        var state = new KafkaQueueState(QueueId.GetQueueId("t", 0, 0), "t", 0, 100);
        var cache = new KafkaQueueCache(state, 10, 100, 1_000_000, TimeSpan.Zero, 0, () => _now, NewGate(thresholdPercent: 90));

        Collected(100);
        Assert.False(cache.IsUnderPressure());
        Assert.False(state.Paused);

        Collected(950);
        _now += 250;
        Assert.True(cache.IsUnderPressure());
        Assert.True(state.Paused);
        Assert.Equal(0, cache.MessageCount);
    }

    private KafkaMemoryGate NewGate(double thresholdPercent) =>
        new(thresholdPercent, NullLogger.Instance, Reading, InduceCollection, () => _now);

    private MemoryReading Reading() => new(_measured, Available, _collection);

    private void Collected(long used)
    {
        _live = used;
        _measured = used;
        _collection++;
    }

    private void InduceCollection()
    {
        _inducedCollections++;
        Collected(_live);
    }
}
