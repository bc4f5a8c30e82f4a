using Orleans.Runtime;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// One Orleans queue per partition of each configured topic, named after the topic with the partition as its number.
/// Queues are spread evenly over the hash ring, so Orleans' default consistent-ring balancer shares them among silos.
/// </summary>
internal sealed class KafkaStreamQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly List<QueueId> _queues = [];
    private readonly Dictionary<QueueId, (string Topic, int Partition)> _partitions = [];
    private readonly Dictionary<string, (string Topic, int Partitions)> _topicsByNamespace = new(StringComparer.Ordinal);

    public KafkaStreamQueueMapper(KafkaStreamOptions options, IReadOnlyDictionary<string, int> partitionCounts)
    {
        var topics = partitionCounts.Keys.Order(StringComparer.Ordinal).ToList();
        var total = topics.Sum(topic => partitionCounts[topic]);
        var spacing = uint.MaxValue / (uint)Math.Max(1, total);
        var index = 0u;
        foreach (var topic in topics)
        {
            _topicsByNamespace[options.NamespaceOf(topic)] = (topic, partitionCounts[topic]);
            for (var partition = 0; partition < partitionCounts[topic]; partition++)
            {
                var queue = QueueId.GetQueueId(topic, (uint)partition, index++ * spacing);
                _queues.Add(queue);
                _partitions[queue] = (topic, partition);
            }
        }
    }

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) =>
        _queues.Where(queue => range.InRange(queue.GetUniformHashCode()));

    /// <summary>The queue librdkafka's default partitioner sends the stream's key to.</summary>
    public QueueId GetQueueForStream(StreamId streamId)
    {
        var ns = streamId.GetNamespace() ?? string.Empty;
        if (!_topicsByNamespace.TryGetValue(ns, out var topic))
        {
            throw new ArgumentException($"Stream namespace '{ns}' is not mapped to any Kafka topic of this provider.", nameof(streamId));
        }

        var partition = KafkaPartitioner.PartitionOf(streamId.Key.Span, topic.Partitions);
        return _queues.First(queue => _partitions[queue] == (topic.Topic, partition));
    }

    public (string Topic, int Partition) PartitionOf(QueueId queueId) => _partitions[queueId];

    public string? TopicOfNamespace(string streamNamespace) =>
        _topicsByNamespace.TryGetValue(streamNamespace, out var topic) ? topic.Topic : null;
}
