using Orleans.Streams;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>Creates each queue's <see cref="KafkaQueueCache"/> and registers the state its receiver will share.</summary>
internal sealed class KafkaQueueAdapterCache(KafkaStreamOptions options, KafkaStreamQueueMapper mapper, KafkaQueueRegistry registry) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId)
    {
        var (topic, partition) = mapper.PartitionOf(queueId);
        var state = new KafkaQueueState(queueId, topic, partition, options.MaxCachedMessagesPerQueue);
        registry.Register(state);
        return new KafkaQueueCache(
            state,
            options.MaxBatchSize,
            options.MaxCachedMessagesPerQueue,
            options.MaxCachedBytesPerQueue,
            options.CheckpointDelay,
            options.MaxRetainedMessagesPerQueue);
    }
}
