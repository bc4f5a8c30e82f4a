using Orleans.Runtime;
using Orleans.Streams;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>
/// Reads one stream's containers from a <see cref="KafkaQueueCache"/>. The container it is on stays pinned until the
/// cursor moves past it: the pulling agent only moves a cursor once the previous delivery finished, so "passed by
/// every cursor" means "delivered to every consumer".
/// </summary>
internal sealed class KafkaQueueCacheCursor : IQueueCacheCursor
{
    private readonly KafkaQueueCache _cache;
    private readonly KafkaCacheStream _stream;
    private bool _disposed;

    public KafkaQueueCacheCursor(KafkaQueueCache cache, StreamId streamId, KafkaCacheStream stream, long nextSequence)
    {
        _cache = cache;
        _stream = stream;
        StreamId = streamId;
        NextSequence = nextSequence;
    }

    public StreamId StreamId { get; }

    /// <summary>The container last returned and not yet passed; null before the first move and after running dry.</summary>
    public KafkaCacheEntry? Current { get; private set; }

    /// <summary>Sequence from which the next move searches.</summary>
    public long NextSequence { get; private set; }

    /// <summary>Oldest sequence this cursor still needs: entries from here on are not yet delivered to its consumer.</summary>
    public long PinnedFrom => Current?.Sequence ?? NextSequence;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return Current?.Container;
    }

    [Obsolete("Use MoveNextWithResult instead.")]
    public bool MoveNext() => MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    public QueueCacheCursorMoveResult MoveNextWithResult()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var next = Current?.NextInStream ?? FirstFrom(NextSequence);
        if (next is null)
        {
            // Asked for more, so the previous container was delivered; stop pinning it.
            if (Current is not null)
            {
                NextSequence = Current.Sequence + 1;
                Current = null;
            }

            return QueueCacheCursorMoveResult.NoData;
        }

        Current = next;
        NextSequence = next.Sequence + 1;
        return QueueCacheCursorMoveResult.Success;
    }

    /// <summary>New containers are found by sequence, so there is nothing to refresh.</summary>
    public void Refresh(StreamSequenceToken token)
    {
    }

    public void RecordDeliveryFailure()
    {
        if (Current is { } entry)
        {
            _cache.RecordDeliveryFailure(entry);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _cache.Release(this, _stream);
    }

    private KafkaCacheEntry? FirstFrom(long sequence)
    {
        var entry = _stream.Head;
        while (entry is not null && entry.Sequence < sequence)
        {
            entry = entry.NextInStream;
        }

        return entry;
    }
}
