using System.Diagnostics.Metrics;
using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Diagnostics;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// The lag gauge keeps counting while a partition is paused behind a stuck consumer: nothing is fetched for a paused
/// partition, so the watermark of its last fetch would freeze the gauge exactly while the lag grows.
/// </summary>
public sealed class KafkaLagWhilePausedTests
{
    private const string Topic = "held-events";
    private const string Group = "held";

    [Fact]
    public async Task Events_produced_after_the_partition_paused_count_in_its_lag()
    {
        const int bound = 100, before = 1_000, after = 500;
        TestLedger.Clear();
        HeldRecorderGrain.Hold();
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = Topic, Partitions = 1 }, new EmbeddedKafkaTopicOptions { Name = TestTopics.DeadLetter, Partitions = 1 } },
        });
        CommitStart(broker.BootstrapServers);
        TestTopics.ProduceInterleaved(broker.BootstrapServers, Topic, keys: 1, perKey: before);
        using var gauges = new GaugeReader();

        await using var cluster = await KafkaTestCluster.StartAsync(1, options =>
        {
            TestTopics.Configure(options, broker.BootstrapServers, Group);
            options.AddTopic<TestEvent>(Topic, TestNamespaces.HeldEvents);
            options.MaxCachedMessagesPerQueue = bound;
            options.MaxBatchSize = 50;
        });
        try
        {
            Poll.Until(() => gauges.Read() is { Paused: 1, Lag: before }, "the partition paused with its lag counted");

            // Let librdkafka's own pause follow the cache's (its buffer fills from the prefetch), so nothing fetches the next events.
            await Task.Delay(TimeSpan.FromSeconds(1));
            TestTopics.ProduceInterleaved(broker.BootstrapServers, Topic, keys: 1, perKey: after, firstSeq: before);

            Poll.Until(() => gauges.Read().Lag == before + after, "the lag counted the events produced while paused");
        }
        finally
        {
            HeldRecorderGrain.Release();
        }

        Poll.Until(() => TestLedger.DistinctCount() == before + after, "the held grain received every event once released", TimeSpan.FromMinutes(1));
    }

    /// <summary>A committed start, so the gauge has a checkpoint to count from before the first event is delivered.</summary>
    private static void CommitStart(string bootstrapServers)
    {
        using var consumer = KafkaClients.Consumer(bootstrapServers, Group);
        consumer.Commit([new TopicPartitionOffset(Topic, 0, 0)]);
    }

    /// <summary>The latest lag of the partition and paused-partition count the provider reported.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _lag = -1;
        private int _paused;

        public GaugeReader()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == KafkaStreamMetrics.MeterName && instrument.Name is "smeai.kafka.consumer.lag" or "smeai.kafka.partitions.paused")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "topic", Value: Topic })
                    {
                        Interlocked.Exchange(ref _lag, value);
                    }
                }
            });
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Exchange(ref _paused, value));
            _listener.Start();
        }

        public (long Lag, int Paused) Read()
        {
            _listener.RecordObservableInstruments();
            return (Interlocked.Read(ref _lag), Volatile.Read(ref _paused));
        }

        public void Dispose() => _listener.Dispose();
    }
}
