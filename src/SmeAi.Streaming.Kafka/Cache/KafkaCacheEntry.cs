using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>
/// One cached container, linked to the next container of the same stream so cursors skip other streams. In the replay
/// window it may keep only its messages' bytes (<see cref="Raw"/>), and the container is decoded again when replayed.
/// </summary>
internal sealed class KafkaCacheEntry
{
    public KafkaCacheEntry(long sequence, KafkaBatchContainer container, KafkaCacheStream stream)
    {
        Sequence = sequence;
        Container = container;
        Stream = stream;
        LastOffset = container.LastOffset;
        EventCount = container.Events.Count;
        Raw = container.Raw;
    }

    /// <summary>Position in the queue cache, increasing in the order containers were read.</summary>
    public long Sequence { get; }

    /// <summary>The decoded container; null once <see cref="DropDecodedEvents"/> left only <see cref="Raw"/>.</summary>
    public KafkaBatchContainer? Container { get; private set; }

    /// <summary>The entry's stream; its id is shared by every entry of the stream, unlike each container's copy.</summary>
    public KafkaCacheStream Stream { get; }

    public long LastOffset { get; }

    public int EventCount { get; }

    /// <summary>The messages' bytes in the queue's raw log, if the receiver wrote them.</summary>
    public RawEvents Raw { get; }

    public KafkaCacheEntry? NextInStream { get; set; }

    /// <summary>When every consumer had passed it (it left the live cache for the replay window); milliseconds.</summary>
    public long ReleasedAtMs { get; set; }

    /// <summary>Keeps only the raw bytes, when there are some: the entry is then a few fields plus a record in a large block.</summary>
    public void DropDecodedEvents()
    {
        if (Raw.IsWritten)
        {
            Container = null;
        }
    }
}
