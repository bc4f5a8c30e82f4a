using System.Diagnostics.CodeAnalysis;
using Orleans.Runtime;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>
/// The queue cache of one Kafka partition. It holds containers read but not yet delivered to every consumer, and
/// purges only from the oldest end, only containers that no cursor still needs, so the purged prefix is exactly what
/// may be checkpointed (at-least-once). It is bounded by <c>MaxCachedMessagesPerQueue</c> and
/// <c>MaxCachedBytesPerQueue</c>: when either is reached it reports pressure and the pulling agent stops reading the
/// partition until deliveries let it purge; it does the same while the provider's <see cref="KafkaMemoryGate"/> is
/// closed. Used on the pulling agent's turn only, so it takes no locks.
/// Purged containers are kept a while longer as a replay window (until their stream had a later delivery at least
/// <c>CheckpointDelay</c> after them, at most <c>MaxRetainedMessagesPerQueue</c> events, outside the bounds above), as
/// their messages' bytes in the queue's <see cref="RawEventLog"/> when the receiver wrote them, decoded again only if
/// replayed: a consumer grain re-activated after its silo
/// was lost asks for them again by resuming from <see cref="KafkaStreamSequenceToken.Earliest"/>, because the events
/// it had applied but not yet written are gone with that silo while this queue never moved.
/// </summary>
internal sealed class KafkaQueueCache : IQueueCache
{
    private readonly Queue<KafkaCacheEntry> _entries = new();
    private readonly Queue<KafkaCacheEntry> _retained = new();
    private readonly Dictionary<StreamId, KafkaCacheStream> _streams = [];
    private readonly KafkaQueueState _state;
    private readonly int _maxBatchSize;
    private readonly int _maxMessages;
    private readonly long _maxBytes;
    private readonly long _retentionMs;
    private readonly int _maxRetained;
    private readonly Func<long> _clockMs;
    private readonly KafkaMemoryGate? _memory;
    private long _nextSequence;
    private int _messages;
    private long _bytes;
    private int _retainedMessages;

    public KafkaQueueCache(KafkaQueueState state, int maxBatchSize, int maxMessages, long maxBytes)
        : this(state, maxBatchSize, maxMessages, maxBytes, TimeSpan.Zero, 0)
    {
    }

    public KafkaQueueCache(
        KafkaQueueState state,
        int maxBatchSize,
        int maxMessages,
        long maxBytes,
        TimeSpan retention,
        int maxRetained,
        Func<long>? clockMs = null,
        KafkaMemoryGate? memory = null)
    {
        _state = state;
        _maxBatchSize = maxBatchSize;
        _maxMessages = maxMessages;
        _maxBytes = maxBytes;
        _retentionMs = (long)retention.TotalMilliseconds;
        _maxRetained = maxRetained;
        _clockMs = clockMs ?? (() => Environment.TickCount64);
        _memory = memory;
        state.OldestCachedOffset = () => _entries.TryPeek(out var head) ? head.Container!.FirstOffset : null;
    }

    public int MessageCount => _messages;

    /// <summary>Events already delivered and kept for replay.</summary>
    public int RetainedMessageCount => _retainedMessages;

    public long ByteCount => _bytes;

    /// <summary>
    /// Never zero: the agent skips the whole read step (purge included) when this is zero, so a full cache would never
    /// drain. Pressure is reported by <see cref="IsUnderPressure"/>, which the agent checks after purging.
    /// </summary>
    public int GetMaxAddCount() => Math.Clamp(_maxMessages - _messages, 1, _maxBatchSize);

    public bool IsUnderPressure()
    {
        var paused = _messages >= _maxMessages || _bytes >= _maxBytes || _memory is { IsClosed: true };
        _state.Paused = paused;
        return paused;
    }

    public void AddToCache(IList<IBatchContainer> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            var container = (KafkaBatchContainer)message;
            var stream = StreamOf(container.StreamId);
            var entry = new KafkaCacheEntry(_nextSequence++, container, stream);
            _entries.Enqueue(entry);
            if (stream.Tail is null)
            {
                stream.Head = entry;
            }
            else
            {
                stream.Tail.NextInStream = entry;
            }

            stream.Tail = entry;
            _messages += container.Events.Count;
            _bytes += container.RawBytes;
        }

        Publish();
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        var now = _retentionMs > 0 ? _clockMs() : 0;
        List<IBatchContainer>? purged = null;
        while (_entries.TryPeek(out var head) && !IsPinned(head))
        {
            _entries.Dequeue();
            var container = head.Container!;
            _messages -= head.EventCount;
            _bytes -= container.RawBytes;
            (purged ??= []).Add(container);
            if (_retentionMs > 0)
            {
                head.ReleasedAtMs = now;
                head.Stream.LastReleasedAtMs = now;
                if (_state.Redecode is not null)
                {
                    head.DropDecodedEvents();
                }

                _retained.Enqueue(head);
                _retainedMessages += head.EventCount;
            }
            else
            {
                Drop(head);
            }
        }

        // The replay window, oldest first. A container goes once its stream had a later one delivered at least the
        // window after it: that delivery reached either the same activation (alive long enough to have written it) or a
        // new one, which resumed from Earliest before taking it. Until then it stays, however long the stream is quiet,
        // because a lost consumer is only re-activated by the next delivery. The cap drops the oldest early.
        while (_retained.TryPeek(out var oldest)
            && (_retainedMessages > _maxRetained || oldest.Stream.LastReleasedAtMs - oldest.ReleasedAtMs >= _retentionMs)
            && !IsPinned(oldest))
        {
            _retained.Dequeue();
            _retainedMessages -= oldest.EventCount;
            Drop(oldest);
        }

        Publish();
        purgedItems = purged;
        return purged is not null;
    }

    [Obsolete("Use TryGetCacheCursor instead.")]
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) => TryGetCacheCursor(streamId, token).Cursor!;

    /// <summary>
    /// A cursor at the first cached container of the stream that holds <paramref name="token"/>'s offset or a later one.
    /// Without a usable token (or one older than the cache) it starts at the stream's oldest cached container: a
    /// duplicate is harmless, a skipped event is not. A token of another partition is not usable: its offsets are not
    /// this partition's (a topic whose partition count changed maps the stream's key elsewhere).
    /// </summary>
    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        var stream = StreamOf(streamId);
        var start = _nextSequence;
        var position = token is KafkaStreamSequenceToken kafkaToken && kafkaToken.Partition == _state.Partition ? kafkaToken : null;
        for (var entry = stream.Head; entry is not null; entry = entry.NextInStream)
        {
            if (position is null || entry.LastOffset >= position.Offset)
            {
                start = entry.Sequence;
                break;
            }
        }

        return QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(Attach(streamId, stream, start));
    }

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition)
    {
        var stream = StreamOf(streamId);
        return startPosition switch
        {
            StreamSubscriptionStartPosition.Latest => QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(Attach(streamId, stream, _nextSequence)),
            StreamSubscriptionStartPosition.EarliestAvailable => QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(
                Attach(streamId, stream, stream.Head?.Sequence ?? _nextSequence)),
            _ => throw new ArgumentOutOfRangeException(nameof(startPosition), startPosition, "The subscription start position is not defined."),
        };
    }

    /// <summary>
    /// Called by the agent just before it disposes every cursor at shutdown: purge what the live cursors have passed,
    /// so the receiver's final commit includes it.
    /// </summary>
    public void UpdateDeliveryProgress(StreamSequenceToken? earliestSubscriptionToken, DateTime utcNow)
    {
        if (TryPurgeFromCache(out var purged))
        {
            _state.UnreportedDeliveries.AddRange(purged);
        }
    }

    internal void RecordDeliveryFailure(KafkaCacheEntry entry)
    {
        // A replayed container that keeps only its bytes was delivered (and purged) before; nothing to dead-letter.
        if (entry.Container is { } container)
        {
            _state.RecordFailedDelivery(container);
        }
    }

    /// <summary>The entry's container, decoded again from its bytes if the replay window kept only those.</summary>
    internal KafkaBatchContainer? ContainerOf(KafkaCacheEntry entry) => entry.Container ?? _state.Redecode?.Invoke(entry.Stream.StreamId, entry.Raw);

    internal void Release(KafkaQueueCacheCursor cursor, KafkaCacheStream stream)
    {
        stream.Cursors.Remove(cursor);
        if (stream.IsEmpty && _streams.TryGetValue(cursor.StreamId, out var current) && current == stream)
        {
            _streams.Remove(cursor.StreamId);
        }
    }

    /// <summary>Unlinks the oldest entry of its stream (entries leave in read order, so it is the stream's head).</summary>
    private void Drop(KafkaCacheEntry entry)
    {
        var stream = entry.Stream;
        foreach (var cursor in stream.Cursors)
        {
            cursor.Forget(entry);
        }

        _state.RawLog.Release(entry.Raw);

        stream.Head = entry.NextInStream;
        if (stream.Head is null)
        {
            stream.Tail = null;
            if (stream.IsEmpty)
            {
                _streams.Remove(stream.StreamId);
            }
        }
    }

    private KafkaQueueCacheCursor Attach(StreamId streamId, KafkaCacheStream stream, long start)
    {
        var cursor = new KafkaQueueCacheCursor(this, streamId, stream, start);
        stream.Cursors.Add(cursor);
        return cursor;
    }

    private static bool IsPinned(KafkaCacheEntry entry)
    {
        foreach (var cursor in entry.Stream.Cursors)
        {
            if (cursor.PinnedFrom <= entry.Sequence)
            {
                return true;
            }
        }

        return false;
    }

    private KafkaCacheStream StreamOf(StreamId streamId)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            stream = new KafkaCacheStream(streamId);
            _streams.Add(streamId, stream);
        }

        return stream;
    }

    private void Publish()
    {
        _state.CachedMessages = _messages;
        _state.CachedBytes = _bytes;
    }
}
