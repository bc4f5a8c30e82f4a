using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Diagnostics;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Produces stream events to the topic of their namespace (key = stream key) and creates one receiver per partition,
/// reading through the silo's <see cref="KafkaSharedConsumer"/>s (partition number modulo their count).
/// Rewindable within the queue cache: a consumer may resume from a token (in practice
/// <see cref="KafkaStreamSequenceToken.Earliest"/>) to be re-delivered what the cache still holds, including the
/// delivered events kept for <c>CheckpointDelay</c>. Across queue moves consumers resume from the committed checkpoint.
/// </summary>
internal sealed class KafkaQueueAdapter(
    string name,
    KafkaStreamOptions options,
    KafkaStreamQueueMapper mapper,
    KafkaQueueRegistry registry,
    IKafkaDataAdapter dataAdapter,
    Func<IProducer<byte[], byte[]>> producer,
    KafkaSharedConsumer[] consumers,
    KafkaDeadLetterPublisher deadLetters,
    KafkaStreamMetrics metrics,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    private readonly ILogger _receiverLogger = loggerFactory.CreateLogger<KafkaQueueAdapterReceiver>();

    public string Name => name;

    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        var ns = streamId.GetNamespace() ?? string.Empty;
        var topic = mapper.TopicOfNamespace(ns)
            ?? throw new ArgumentException($"Stream namespace '{ns}' is not mapped to any Kafka topic of provider '{name}'.", nameof(streamId));
        var key = Encoding.UTF8.GetBytes(streamId.GetKeyAsString());
        var kafka = producer();
        var deliveries = events
            .Where(item => item is not null)
            .Select(item => kafka.ProduceAsync(topic, new Message<byte[], byte[]> { Key = key, Value = dataAdapter.Encode(topic, item!) }))
            .ToList();
        await Task.WhenAll(deliveries).ConfigureAwait(false);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var state = registry.Find(queueId);
        if (state is null)
        {
            // No cache was created for this queue (the agent always creates one first); give the receiver its own state.
            var (topic, partition) = mapper.PartitionOf(queueId);
            state = new KafkaQueueState(queueId, topic, partition, options.MaxCachedMessagesPerQueue);
            registry.Register(state);
        }

        var consumer = consumers[state.Partition % consumers.Length];
        return new KafkaQueueAdapterReceiver(options, state, consumer, dataAdapter, deadLetters, metrics, registry, _receiverLogger);
    }
}
