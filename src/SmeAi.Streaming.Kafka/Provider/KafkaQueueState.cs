using Orleans.Runtime;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Cache;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// What one queue's cache and receiver share: the cache reports purges and failures here, the receiver turns them
/// into offsets and dead letters, and the metrics read the figures. Written on the pulling agent's turn only; the
/// numeric figures are also read by metric collection, hence the volatile access.
/// </summary>
internal sealed class KafkaQueueState(QueueId queueId, string topic, int partition, int maxCachedMessages)
{
    private long _highWatermark = -1;
    private long _committedOffset = -1;
    private long _cachedMessages;
    private long _cachedBytes;
    private int _paused;

    public QueueId QueueId { get; } = queueId;

    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public int MaxCachedMessages { get; } = maxCachedMessages;

    /// <summary>Containers whose delivery to some consumer failed after retries; dead-lettered when purged.</summary>
    public HashSet<KafkaBatchContainer> FailedDeliveries { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Marks <paramref name="container"/> for the dead-letter topic and keeps its messages as consumed, while its record in
    /// <see cref="RawLog"/> still holds them: the record is released when the cache purges the container, before the
    /// dead letter is sent, and the data adapter's events are not the input (the silo's pseudonymises ids), so a dead
    /// letter re-encoded from them could not be replayed into the input topic.
    /// </summary>
    public void RecordFailedDelivery(KafkaBatchContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (FailedDeliveries.Add(container) && container.Raw.Chunk is not null)
        {
            container.Consumed = RawEventLog.Read(container.Raw, Topic, Partition);
        }
    }

    /// <summary>Containers purged outside the agent's purge call (at shutdown), not yet seen by the receiver.</summary>
    public List<IBatchContainer> UnreportedDeliveries { get; } = [];

    /// <summary>The consumed bytes of the containers kept for replay (written by the receiver, released by the cache).</summary>
    public RawEventLog RawLog { get; } = new();

    /// <summary>
    /// Decodes a container's record in <see cref="RawLog"/> again, for a replay of the window; set by the receiver. Null
    /// (no receiver shares this state) means the cache keeps decoded events.
    /// </summary>
    public Func<StreamId, RawEvents, KafkaBatchContainer?>? Redecode { get; set; }

    /// <summary>
    /// First offset of the oldest container still cached, or null if the cache is empty; set by the queue's cache. Null
    /// itself while no cache tracks the queue: then nothing says that what was read has been delivered.
    /// </summary>
    public Func<long?>? OldestCachedOffset { get; set; }

    public long HighWatermark
    {
        get => Volatile.Read(ref _highWatermark);
        set => Volatile.Write(ref _highWatermark, value);
    }

    /// <summary>Moves <see cref="HighWatermark"/> up to <paramref name="value"/>, never down: a broker's answer may race a read's.</summary>
    public void RaiseHighWatermark(long value)
    {
        var current = Volatile.Read(ref _highWatermark);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _highWatermark, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>
    /// The offset the lag is measured from: the partition's checkpoint, or before its first one (a group that has not
    /// committed yet) the first offset read, since nothing from there on is checkpointed. Negative until either exists.
    /// </summary>
    public long CommittedOffset
    {
        get => Volatile.Read(ref _committedOffset);
        set => Volatile.Write(ref _committedOffset, value);
    }

    public long CachedMessages
    {
        get => Volatile.Read(ref _cachedMessages);
        set => Volatile.Write(ref _cachedMessages, value);
    }

    public long CachedBytes
    {
        get => Volatile.Read(ref _cachedBytes);
        set => Volatile.Write(ref _cachedBytes, value);
    }

    /// <summary>True while the partition is not read: its cache is full, or the provider's memory gate is closed.</summary>
    public bool Paused
    {
        get => Volatile.Read(ref _paused) != 0;
        set => Volatile.Write(ref _paused, value ? 1 : 0);
    }
}
