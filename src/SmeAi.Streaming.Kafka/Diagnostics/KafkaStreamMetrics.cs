using System.Diagnostics.Metrics;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Diagnostics;

/// <summary>
/// Instruments of meter <c>SmeAi.Streaming.Kafka</c> for one provider on one silo. Counters are tagged with the
/// provider and topic; gauges with the provider, topic and partition of each queue this silo owns.
/// </summary>
internal sealed class KafkaStreamMetrics : IDisposable
{
    public const string MeterName = "SmeAi.Streaming.Kafka";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly string _provider;
    private readonly KafkaQueueRegistry _registry;
    private readonly Counter<long> _read;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _lost;

    public KafkaStreamMetrics(string provider, KafkaQueueRegistry registry, IMeterFactory? meterFactory)
    {
        _provider = provider;
        _registry = registry;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _read = _meter.CreateCounter<long>("smeai.kafka.events.read", "{event}", "Messages read from Kafka, including rejected ones.");
        _delivered = _meter.CreateCounter<long>("smeai.kafka.events.delivered", "{event}", "Events delivered to every consumer (and so checkpointable).");
        _deadLettered = _meter.CreateCounter<long>("smeai.kafka.events.deadlettered", "{event}", "Messages sent to the dead-letter topic, tagged with the reason kind.");
        _lost = _meter.CreateCounter<long>("smeai.kafka.events.lost", "{event}", "Offsets skipped because Kafka no longer had them (offset out of range).");
        _meter.CreateObservableGauge("smeai.kafka.consumer.lag", ObserveLag, "{event}", "High watermark minus the checkpointed offset, per partition.");
        _meter.CreateObservableGauge("smeai.kafka.cache.messages", ObserveCachedMessages, "{event}", "Events held in the queue cache, per partition.");
        _meter.CreateObservableGauge("smeai.kafka.cache.fill_ratio", ObserveFillRatio, null, "Cached events over the cache bound, per partition.");
        _meter.CreateObservableGauge("smeai.kafka.partitions.paused", ObservePaused, "{partition}", "Partitions not read because their cache is full or memory is near its limit.");
    }

    /// <summary>
    /// Reports each counter at 0 for every one of <paramref name="topics"/> (and each dead-letter kind), with the tags
    /// the real counts carry: a series exists only from its first measurement, and one that appears only with the first
    /// dead letter or loss leaves an alert on its absence firing and rate() without a baseline until then.
    /// </summary>
    public void ReportZeroCounts(IEnumerable<string> topics)
    {
        foreach (var topic in topics)
        {
            _read.Add(0, Tags(topic));
            _delivered.Add(0, Tags(topic));
            _lost.Add(0, Tags(topic));
            _deadLettered.Add(0, DeadLetterTags(topic, KafkaDeadLetterHeaders.KindRejected));
            _deadLettered.Add(0, DeadLetterTags(topic, KafkaDeadLetterHeaders.KindDeliveryFailed));
        }
    }

    public void Read(string topic, int count) => _read.Add(count, Tags(topic));

    public void Delivered(string topic, int count) => _delivered.Add(count, Tags(topic));

    public void DeadLettered(string topic, string kind) => _deadLettered.Add(1, DeadLetterTags(topic, kind));

    public void Lost(string topic, long count) => _lost.Add(count, Tags(topic));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private KeyValuePair<string, object?>[] Tags(string topic) => [new("provider", _provider), new("topic", topic)];

    private KeyValuePair<string, object?>[] DeadLetterTags(string topic, string kind) => [new("provider", _provider), new("topic", topic), new("kind", kind)];

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var state in _registry.States)
        {
            long high = state.HighWatermark, committed = state.CommittedOffset;
            if (high >= 0 && committed >= 0)
            {
                yield return new(Math.Max(0, high - committed), QueueTags(state));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveCachedMessages() =>
        _registry.States.Select(state => new Measurement<long>(state.CachedMessages, QueueTags(state)));

    private IEnumerable<Measurement<double>> ObserveFillRatio() =>
        _registry.States.Select(state => new Measurement<double>((double)state.CachedMessages / state.MaxCachedMessages, QueueTags(state)));

    private Measurement<int> ObservePaused() =>
        new(_registry.States.Count(state => state.Paused), new KeyValuePair<string, object?>("provider", _provider));

    private KeyValuePair<string, object?>[] QueueTags(KafkaQueueState state) =>
        [new("provider", _provider), new("topic", state.Topic), new("partition", state.Partition)];
}
