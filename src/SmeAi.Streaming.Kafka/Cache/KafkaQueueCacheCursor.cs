using Orleans.Runtime;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Provider;

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

    // The container of Current, decoded again if the replay window kept only its bytes.
    private KafkaBatchContainer? _currentContainer;

    // Not pinned: the container delivered last, to go on from (see Resumed); cleared when the cache drops it.
    private KafkaCacheEntry? _lastDelivered;

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
        return _currentContainer;
    }

    [Obsolete("Use MoveNextWithResult instead.")]
    public bool MoveNext() => MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    public QueueCacheCursorMoveResult MoveNextWithResult()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var next = Current is { } current ? current.NextInStream : Resumed();
        KafkaBatchContainer? container = null;
        while (next is not null && (container = _cache.ContainerOf(next)) is null)
        {
            // Kept bytes that no longer decode to any event (cannot happen with a deterministic adapter): skip them.
            next = next.NextInStream;
        }

        if (next is null)
        {
            // Asked for more, so the previous container was delivered; stop pinning it.
            if (Current is not null)
            {
                NextSequence = Current.Sequence + 1;
                _lastDelivered = Current;
                Current = null;
                _currentContainer = null;
            }

            return QueueCacheCursorMoveResult.NoData;
        }

        Current = next;
        _currentContainer = container;
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

    /// <summary>The cache dropped <paramref name="entry"/>; it must not be kept alive here (see <see cref="Resumed"/>).</summary>
    internal void Forget(KafkaCacheEntry entry)
    {
        if (ReferenceEquals(_lastDelivered, entry))
        {
            _lastDelivered = null;
        }
    }

    /// <summary>
    /// Where a cursor that ran dry goes on. The stream's list starts with its replay window, seconds of delivered
    /// containers, so it continues after the container it delivered last instead of walking the list from its head
    /// (that walk on every delivery was a sixth of the silo's CPU under steady load). The cache tells the cursor when
    /// it drops that container (<see cref="Forget"/>); everything before it is gone then, so the walk is short.
    /// </summary>
    private KafkaCacheEntry? Resumed() => _lastDelivered is { } last ? last.NextInStream : FirstFrom(NextSequence);

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
