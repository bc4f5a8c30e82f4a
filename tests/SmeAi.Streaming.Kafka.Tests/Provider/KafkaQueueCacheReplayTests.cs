using System.Text;
using Confluent.Kafka;
using Orleans.Runtime;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Cache;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// The replay window: delivered containers stay in the cache (until their stream had a later delivery at least
/// <c>CheckpointDelay</c> after them) so that a consumer grain
/// re-activated after its silo died (the queue did not move) can resume from <see cref="KafkaStreamSequenceToken.Earliest"/>.
/// </summary>
public sealed class KafkaQueueCacheReplayTests
{
    private static readonly StreamId Stream = StreamId.Create("ns", "m-0");
    private static readonly StreamId Other = StreamId.Create("ns", "m-1");
    private long _now;

    [Fact]
    public void Delivered_containers_are_replayed_in_order_from_Earliest_within_the_window()
    {
        var cache = NewCache(retentionMs: 10_000, maxRetained: 1_000);
        cache.AddToCache([Container(Stream, 0, 1), Container(Other, 2), Container(Stream, 3, 4)]);
        DeliverAll(cache, Stream);
        DeliverAll(cache, Other);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(3, purged.Count);
        Assert.Equal(0, cache.MessageCount);
        Assert.Equal(5, cache.RetainedMessageCount);

        cache.AddToCache([Container(Stream, 5)]);
        _now += 9_999;
        cache.TryPurgeFromCache(out _);

        Assert.Equal([0L, 3L, 5L], FirstOffsets(cache, Stream, KafkaStreamSequenceToken.Earliest));
    }

    [Fact]
    public void A_quiet_stream_keeps_its_window_until_a_later_delivery_and_the_cap_drops_the_oldest_early()
    {
        var cache = NewCache(retentionMs: 10_000, maxRetained: 3);
        cache.AddToCache([Container(Stream, 0, 1), Container(Stream, 2, 3)]);
        DeliverAll(cache, Stream);

        cache.TryPurgeFromCache(out _);
        Assert.Equal([2L], FirstOffsets(cache, Stream, KafkaStreamSequenceToken.Earliest));

        _now += 60_000;
        cache.TryPurgeFromCache(out _);
        Assert.Equal([2L], FirstOffsets(cache, Stream, KafkaStreamSequenceToken.Earliest));

        cache.AddToCache([Container(Stream, 4)]);
        DeliverAll(cache, Stream);
        cache.TryPurgeFromCache(out _);
        Assert.Equal(1, cache.RetainedMessageCount);
        Assert.Equal([4L], FirstOffsets(cache, Stream, KafkaStreamSequenceToken.Earliest));
    }

    [Fact]
    public void A_consumer_replaying_the_window_pins_it()
    {
        var cache = NewCache(retentionMs: 10_000, maxRetained: 1_000);
        cache.AddToCache([Container(Stream, 0), Container(Stream, 1)]);
        DeliverAll(cache, Stream);
        cache.TryPurgeFromCache(out _);

        var replay = Cursor(cache, Stream, KafkaStreamSequenceToken.Earliest);
        Assert.Equal(QueueCacheCursorMoveResultKind.Success, replay.MoveNextWithResult().Kind);
        _now += 60_000;
        cache.TryPurgeFromCache(out _);

        Assert.Equal(2, cache.RetainedMessageCount);
        Assert.Equal(QueueCacheCursorMoveResultKind.Success, replay.MoveNextWithResult().Kind);
        Assert.Equal(1L, ((KafkaBatchContainer)replay.GetCurrent(out _)!).FirstOffset);
    }

    [Fact]
    public void A_token_of_another_partition_starts_at_the_streams_oldest_cached_container()
    {
        var cache = NewCache(retentionMs: 0, maxRetained: 0);
        cache.AddToCache([Container(Stream, 0, 1), Container(Other, 2), Container(Stream, 3, 4)]);

        // A token of this queue's partition skips what it already covers; one from another partition (the topic's
        // partition count changed, so the stream's key now maps here) says nothing about these offsets.
        Assert.Equal([3L], FirstOffsets(cache, Stream, new KafkaStreamSequenceToken(0, 3)));
        Assert.Equal([0L, 3L], FirstOffsets(cache, Stream, new KafkaStreamSequenceToken(5, 5_000)));
    }

    [Fact]
    public void Without_a_window_delivered_containers_are_dropped_at_once()
    {
        var cache = NewCache(retentionMs: 0, maxRetained: 1_000);
        cache.AddToCache([Container(Stream, 0)]);
        DeliverAll(cache, Stream);

        Assert.True(cache.TryPurgeFromCache(out _));
        Assert.Equal(0, cache.RetainedMessageCount);
        Assert.Empty(FirstOffsets(cache, Stream, KafkaStreamSequenceToken.Earliest));
    }

    [Fact]
    public void A_live_consumer_that_ran_dry_gets_each_new_container_once_while_the_window_moves_under_it()
    {
        var cache = NewCache(retentionMs: 10_000, maxRetained: 2);
        using var live = Cursor(cache, Stream, KafkaStreamSequenceToken.Earliest);
        var delivered = new List<long>();

        for (var offset = 0L; offset < 6; offset++)
        {
            cache.AddToCache([Container(Stream, offset)]);
            delivered.AddRange(MoveToEnd(live));
            cache.TryPurgeFromCache(out _);
        }

        // The cap dropped every container but the last two, including ones the consumer went on from.
        Assert.Equal([0L, 1L, 2L, 3L, 4L, 5L], delivered);
        Assert.Equal(2, cache.RetainedMessageCount);

        // The window empties (the quiet stream's last container leaves by the cap) and the stream starts again.
        cache.AddToCache([Container(Other, 6), Container(Other, 7)]);
        DeliverAll(cache, Other);
        cache.TryPurgeFromCache(out _);
        Assert.Empty(FirstOffsets(cache, Stream, KafkaStreamSequenceToken.Earliest));
        cache.AddToCache([Container(Stream, 8)]);
        Assert.Equal([8L], MoveToEnd(live));
    }

    [Fact]
    public void The_window_keeps_the_bytes_of_delivered_containers_and_decodes_them_again_for_a_replay()
    {
        var state = new KafkaQueueState(QueueId.GetQueueId("t", 0, 0), "t", 0, 100);
        var decodes = 0;
        state.Redecode = (stream, raw) =>
        {
            decodes++;
            var messages = RawEventLog.Read(raw, "t", 0);
            return new KafkaBatchContainer(
                stream, 0, [.. messages.Select(m => m.Offset.Value)], [.. messages.Select(m => (object)Encoding.UTF8.GetString(m.Message.Value))]);
        };
        var cache = new KafkaQueueCache(state, 10, 100, 1_000_000, TimeSpan.FromMilliseconds(10_000), 1_000, () => _now);
        cache.AddToCache([RawContainer(state, Stream, (0, "a"), (1, "b")), RawContainer(state, Stream, (2, "c"))]);
        DeliverAll(cache, Stream);
        Assert.Equal(0, decodes);

        cache.TryPurgeFromCache(out _);
        using var replay = Cursor(cache, Stream, KafkaStreamSequenceToken.Earliest);
        var replayed = new List<(long, object)>();
        while (replay.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
            var container = (KafkaBatchContainer)replay.GetCurrent(out _)!;
            replayed.AddRange(container.Offsets.Zip(container.Events));
        }

        Assert.Equal(2, decodes);
        Assert.Equal([(0L, (object)"a"), (1L, "b"), (2L, "c")], replayed);
    }

    private KafkaQueueCache NewCache(long retentionMs, int maxRetained) =>
        new(new KafkaQueueState(QueueId.GetQueueId("t", 0, 0), "t", 0, 100), 10, 100, 1_000_000,
            TimeSpan.FromMilliseconds(retentionMs), maxRetained, () => _now);

    private static KafkaBatchContainer Container(StreamId stream, params long[] offsets) =>
        new(stream, 0, [.. offsets], [.. offsets.Select(o => (object)o)]);

    /// <summary>A container as the receiver makes it when the window keeps bytes: events decoded, messages written to the log.</summary>
    private static KafkaBatchContainer RawContainer(KafkaQueueState state, StreamId stream, params (long Offset, string Value)[] messages)
    {
        var reads = messages.Select(m => new ConsumeResult<byte[], byte[]>
        {
            Topic = "t",
            Partition = new Partition(0),
            Offset = new Offset(m.Offset),
            Message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("m-0"), Value = Encoding.UTF8.GetBytes(m.Value) },
        }).ToList();
        return new KafkaBatchContainer(stream, 0, [.. messages.Select(m => m.Offset)], [.. messages.Select(m => (object)m.Value)])
        {
            Raw = state.RawLog.Write(reads),
        };
    }

    private static IQueueCacheCursor Cursor(KafkaQueueCache cache, StreamId stream, StreamSequenceToken token) =>
        cache.TryGetCacheCursor(stream, token).Cursor!;

    /// <summary>A consumer reads every container of the stream and asks for more, then leaves.</summary>
    private static void DeliverAll(KafkaQueueCache cache, StreamId stream)
    {
        using var cursor = Cursor(cache, stream, KafkaStreamSequenceToken.Earliest);
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
        }
    }

    private static List<long> MoveToEnd(IQueueCacheCursor cursor)
    {
        var offsets = new List<long>();
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
            offsets.Add(((KafkaBatchContainer)cursor.GetCurrent(out _)!).FirstOffset);
        }

        return offsets;
    }

    private static List<long> FirstOffsets(KafkaQueueCache cache, StreamId stream, StreamSequenceToken token)
    {
        using var cursor = Cursor(cache, stream, token);
        var offsets = new List<long>();
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
            offsets.Add(((KafkaBatchContainer)cursor.GetCurrent(out _)!).FirstOffset);
        }

        return offsets;
    }
}
