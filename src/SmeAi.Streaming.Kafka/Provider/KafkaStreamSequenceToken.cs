using Orleans.Streams;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Position of an event in Kafka: its partition and offset. Each delivered event carries its own token, so a consumer
/// dedupes at-least-once redeliveries by (<see cref="Partition"/>, <see cref="Offset"/>); within a stream (one topic)
/// that pair is unique.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class KafkaStreamSequenceToken : StreamSequenceToken
{
    public KafkaStreamSequenceToken(int partition, long offset, int eventIndex = 0)
    {
        Partition = partition;
        SequenceNumber = offset;
        EventIndex = eventIndex;
    }

    /// <summary>
    /// A resume position before every event of every partition. A consumer that keeps its own dedupe state (and may
    /// have lost what it applied but had not yet persisted) resumes from it when it activates
    /// (<c>handle.ResumeAsync(observer, KafkaStreamSequenceToken.Earliest)</c>): the pulling agent then re-delivers,
    /// in order, every event of the stream still in its queue cache, including the delivered ones kept for
    /// <c>CheckpointDelay</c>, before anything newer.
    /// </summary>
    public static KafkaStreamSequenceToken Earliest { get; } = new(-1, -1);

    /// <summary>Kafka partition the event was read from.</summary>
    [Id(0)]
    public int Partition { get; private set; }

    /// <summary>Kafka offset of the event (the same as <see cref="SequenceNumber"/>).</summary>
    public long Offset => SequenceNumber;

    /// <summary>The Kafka offset.</summary>
    [Id(1)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>Position of the event in the batch it was delivered with.</summary>
    [Id(2)]
    public override int EventIndex { get; protected set; }

    public override bool Equals(StreamSequenceToken? other) =>
        other is KafkaStreamSequenceToken token
        && token.Partition == Partition
        && token.SequenceNumber == SequenceNumber
        && token.EventIndex == EventIndex;

    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    public override int GetHashCode() => HashCode.Combine(Partition, SequenceNumber, EventIndex);

    /// <summary>Orders by partition, then offset, then index; tokens of other providers compare by sequence number.</summary>
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (other is KafkaStreamSequenceToken token && token.Partition != Partition)
        {
            return Partition.CompareTo(token.Partition);
        }

        var bySequence = SequenceNumber.CompareTo(other.SequenceNumber);
        return bySequence != 0 ? bySequence : EventIndex.CompareTo(other.EventIndex);
    }

    public override string ToString() => $"[KafkaStreamSequenceToken: Partition={Partition}, Offset={SequenceNumber}, EventIndex={EventIndex}]";
}
