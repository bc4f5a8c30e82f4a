using Confluent.Kafka;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.LoadTests.Kafka;

/// <summary>Produces a fixed number of telemetry events as fast as the producer takes them and checks the broker kept them all.</summary>
internal static class BulkProducer
{
    private static readonly TimeSpan _flushTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Produces <paramref name="events"/> events over <paramref name="keys"/> machines to <paramref name="topic"/>.</summary>
    /// <exception cref="InvalidOperationException">A delivery failed, or the broker dropped data (its per-partition size limit).</exception>
    public static void Produce(string bootstrapServers, string topic, int partitions, long events, int keys, CancellationToken cancellationToken)
    {
        long failed = 0;
        using (var producer = KafkaClientFactory.Producer(bootstrapServers, lingerMs: 5))
        {
            void OnDelivered(DeliveryReport<string, byte[]> report)
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
            }

            var ts = DateTimeOffset.UtcNow;
            for (long i = 0; i < events; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var telemetry = TelemetryEvents.Create(i, keys, ts);
                var message = new Message<string, byte[]> { Key = telemetry.MachineId, Value = EventJson.SerializeToUtf8Bytes(telemetry) };
                while (true)
                {
                    try
                    {
                        producer.Produce(topic, message, OnDelivered);
                        break;
                    }
                    catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                    {
                        producer.Poll(TimeSpan.FromMilliseconds(50));
                    }
                }
            }

            if (producer.Flush(_flushTimeout) > 0)
            {
                throw new InvalidOperationException($"Producing {events} events to '{topic}' did not finish within {_flushTimeout}.");
            }
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {events} events could not be produced to '{topic}'.");
        }

        EnsureRetained(bootstrapServers, topic, partitions, events);
    }

    /// <summary>The embedded broker keeps about 5 MiB per partition and drops older data beyond it: make sure it dropped none.</summary>
    private static void EnsureRetained(string bootstrapServers, string topic, int partitions, long events)
    {
        using var consumer = KafkaClientFactory.Consumer(bootstrapServers, $"loadtest-watermarks-{Guid.NewGuid():N}");
        long retained = 0;
        for (var p = 0; p < partitions; p++)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            if (watermarks.Low.Value > 0)
            {
                throw new InvalidOperationException(
                    $"The broker dropped the first {watermarks.Low.Value} events of partition {p} (its limit is about 5 MiB per partition); use more partitions or fewer events.");
            }

            retained += watermarks.High.Value;
        }

        if (retained != events)
        {
            throw new InvalidOperationException($"Topic '{topic}' holds {retained} events, not the {events} produced; was it used before?");
        }
    }
}
