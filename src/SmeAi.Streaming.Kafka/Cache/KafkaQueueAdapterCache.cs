using Microsoft.Extensions.Logging;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>
/// Creates each queue's <see cref="KafkaQueueCache"/> and registers the state its receiver will share; every queue of
/// the provider shares one <see cref="KafkaMemoryGate"/>.
/// </summary>
internal sealed class KafkaQueueAdapterCache(
    KafkaStreamOptions options, KafkaStreamQueueMapper mapper, KafkaQueueRegistry registry, ILoggerFactory loggerFactory) : IQueueAdapterCache
{
    private readonly KafkaMemoryGate _memory = new(options.PauseReadingAtMemoryPercent, loggerFactory.CreateLogger<KafkaMemoryGate>());

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
            options.MaxRetainedMessagesPerQueue,
            memory: _memory);
    }
}
