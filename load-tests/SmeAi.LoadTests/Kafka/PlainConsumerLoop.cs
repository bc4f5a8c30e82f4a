using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.LoadTests.Measurement;

namespace SmeAi.LoadTests.Kafka;

/// <summary>
/// The baseline: one plain Confluent.Kafka consumer, all partitions assigned from the beginning under its own group,
/// that parses and validates each value with <see cref="EventJson"/> and counts events per key. No Orleans.
/// </summary>
internal static class PlainConsumerLoop
{
    private static readonly TimeSpan _pollTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Consumes until <paramref name="expected"/> events arrived; the rate runs from the first event to the last.</summary>
    /// <exception cref="TimeoutException">Fewer events arrived within <paramref name="timeout"/>.</exception>
    public static Throughput Run(string bootstrapServers, string topic, int partitions, long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var consumer = KafkaClientFactory.Consumer(bootstrapServers, $"loadtest-baseline-{Guid.NewGuid():N}");
        consumer.Assign(KafkaClientFactory.FromBeginning(topic, partitions));
        var perKey = new Dictionary<string, long>(StringComparer.Ordinal);
        var cpu = CpuSampler.Start();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long consumed = 0, invalid = 0, first = 0;
        while (consumed < expected)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(_pollTimeout);
            if (result?.Message is null)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"The baseline consumer read {consumed} of {expected} events within {timeout}.");
                }

                continue;
            }

            if (consumed++ == 0)
            {
                first = Stopwatch.GetTimestamp();
                cpu = CpuSampler.Start();
            }

            if (EventJson.TryDeserialize<MachineTelemetry>(result.Message.Value, out _, out _))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(perKey, result.Message.Key, out _)++;
            }
            else
            {
                invalid++;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(first);
        var cores = cpu.Cores();
        consumer.Close();
        if (invalid > 0)
        {
            throw new InvalidOperationException($"The baseline consumer found {invalid} invalid events; the producer writes only valid ones.");
        }

        return new Throughput(consumed, elapsed, cores);
    }
}
