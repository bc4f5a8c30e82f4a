using Confluent.Kafka;
using Orleans.Runtime;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Cache;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Consecutive events of one stream (one Kafka key) from one fetch, delivered in a single call: per-delivery cost
/// dominates Orleans streaming, so grouping by key is what makes the provider fast.
/// </summary>
[GenerateSerializer]
internal sealed class KafkaBatchContainer : IBatchContainer
{
    public KafkaBatchContainer(StreamId streamId, int partition, List<long> offsets, List<object> events)
    {
        StreamId = streamId;
        Partition = partition;
        Offsets = offsets;
        Events = events;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public int Partition { get; }

    /// <summary>Offsets of <see cref="Events"/>, ascending.</summary>
    [Id(2)]
    public List<long> Offsets { get; }

    [Id(3)]
    public List<object> Events { get; }

    /// <summary>Raw key+value bytes of the messages, for the cache bound; not sent with deliveries.</summary>
    [field: NonSerialized]
    public long RawBytes { get; set; }

    /// <summary>The messages' bytes in the queue's <see cref="RawEventLog"/>, for replay; not sent with deliveries.</summary>
    [field: NonSerialized]
    internal RawEvents Raw { get; set; }

    /// <summary>The consumed messages of a container whose delivery failed, for its dead letters; not sent with deliveries.</summary>
    [field: NonSerialized]
    internal List<ConsumeResult<byte[], byte[]>>? Consumed { get; set; }

    /// <summary>The consumed messages while the receiver's read is in progress; cleared when they are written to the log.</summary>
    [field: NonSerialized]
    internal List<ConsumeResult<byte[], byte[]>>? Reads { get; set; }

    public long FirstOffset => Offsets[0];

    public long LastOffset => Offsets[^1];

    /// <summary>
    /// The position of the container's last event. The pulling agent resumes a consumer that reports a delivered token
    /// (a queue moved, a retried delivery) by skipping containers whose token is not after it, so the token must be the
    /// last offset: containers re-read with other boundaries after a move still reach the consumer when they hold any
    /// later event (it dedupes the rest).
    /// </summary>
    public StreamSequenceToken SequenceToken => new KafkaStreamSequenceToken(Partition, LastOffset);

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(item, new KafkaStreamSequenceToken(Partition, Offsets[i], i));
            }
        }
    }

    public bool ImportRequestContext() => false;

    public override string ToString() => $"[KafkaBatchContainer: Stream={StreamId}, Partition={Partition}, Offsets={FirstOffset}..{LastOffset}, Count={Events.Count}]";
}
