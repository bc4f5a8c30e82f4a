using System.Collections.Concurrent;
using Orleans.Streams;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>The live queues of one provider on one silo: lets a receiver find its cache's state, and metrics enumerate them.</summary>
internal sealed class KafkaQueueRegistry
{
    private readonly ConcurrentDictionary<QueueId, KafkaQueueState> _states = new();

    public IEnumerable<KafkaQueueState> States => _states.Values;

    /// <summary>The pulling agent creates a queue's cache before its receiver; the receiver takes the latest state.</summary>
    public void Register(KafkaQueueState state) => _states[state.QueueId] = state;

    public KafkaQueueState? Find(QueueId queueId) => _states.TryGetValue(queueId, out var state) ? state : null;

    public void Remove(KafkaQueueState state) => _states.TryRemove(new KeyValuePair<QueueId, KafkaQueueState>(state.QueueId, state));
}
