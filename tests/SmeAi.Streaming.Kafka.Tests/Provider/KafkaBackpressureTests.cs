using System.Diagnostics.Metrics;
using SmeAi.Streaming.Kafka.Diagnostics;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>A slow consumer pauses reading instead of growing the cache.</summary>
public sealed class KafkaBackpressureTests
{
    [Fact]
    public async Task With_a_slow_grain_the_queue_cache_stays_within_its_bound_and_everything_arrives()
    {
        const string topic = "slow-events";
        const int bound = 200, keys = 4, perKey = 400;
        TestLedger.Clear();
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = topic, Partitions = 1 }, new EmbeddedKafkaTopicOptions { Name = TestTopics.DeadLetter, Partitions = 1 } },
        });
        long maxCached = 0, maxPaused = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KafkaStreamMetrics.MeterName && instrument.Name is "smeai.kafka.cache.messages" or "smeai.kafka.partitions.paused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Interlocked.Exchange(ref maxCached, Math.Max(Interlocked.Read(ref maxCached), value)));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Interlocked.Exchange(ref maxPaused, Math.Max(Interlocked.Read(ref maxPaused), value)));
        listener.Start();

        await using var cluster = await KafkaTestCluster.StartAsync(1, options =>
        {
            TestTopics.Configure(options, broker.BootstrapServers, "slow");
            options.AddTopic<TestEvent>(topic, TestNamespaces.SlowEvents);
            options.MaxCachedMessagesPerQueue = bound;
            options.MaxBatchSize = 50;
        });
        var produced = TestTopics.ProduceInterleaved(broker.BootstrapServers, topic, keys, perKey);

        Poll.Until(() =>
        {
            listener.RecordObservableInstruments();
            return TestLedger.DistinctCount() >= keys * perKey;
        }, "the slow grains received every event", TimeSpan.FromMinutes(1));

        Assert.InRange(Interlocked.Read(ref maxCached), 1, bound);
        Assert.Equal(1, Interlocked.Read(ref maxPaused));
        foreach (var (key, seqs) in produced)
        {
            Assert.Equal(seqs, TestLedger.Deduped(key).Select(r => r.Seq));
        }
    }
}
