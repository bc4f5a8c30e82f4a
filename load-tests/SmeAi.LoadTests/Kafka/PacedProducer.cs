using System.Diagnostics;
using Confluent.Kafka;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.LoadTests.Kafka;

/// <summary>
/// Produces telemetry at a fixed rate, each event stamped with the wall-clock time its schedule made it due (its
/// <c>ts</c>, <see cref="PacedSchedule"/>), so a consumer measures latency from when the event should have been
/// produced, the producer's own delays included. Runs on a dedicated thread.
/// </summary>
internal static class PacedProducer
{
    private static readonly TimeSpan _tick = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Produces <paramref name="rate"/> events/s for <paramref name="warmUp"/> and then <paramref name="measured"/>,
    /// calling <paramref name="onMeasuring"/> when the measured part begins.
    /// </summary>
    /// <returns>The number of events produced (all acknowledged).</returns>
    public static Task<long> RunAsync(
        string bootstrapServers, string topic, int keys, long firstIndex, double rate, TimeSpan warmUp, TimeSpan measured,
        Action onMeasuring, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () => Run(bootstrapServers, topic, keys, firstIndex, rate, warmUp, measured, onMeasuring, timeProvider, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static long Run(
        string bootstrapServers, string topic, int keys, long firstIndex, double rate, TimeSpan warmUp, TimeSpan measured,
        Action onMeasuring, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        long failed = 0;
        long produced = 0;
        using var producer = KafkaClientFactory.Producer(bootstrapServers, lingerMs: 10);
        void OnDelivered(DeliveryReport<string, byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
        }

        var total = warmUp + measured;
        var measuring = false;
        var schedule = new PacedSchedule(_ => rate);
        var (start, startUtc) = (Stopwatch.GetTimestamp(), timeProvider.GetUtcNow());
        while (Stopwatch.GetElapsedTime(start) is var elapsed && elapsed < total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!measuring && elapsed >= warmUp)
            {
                measuring = true;
                onMeasuring();
            }

            schedule.AdvanceTo(elapsed);
            while (schedule.TryTake(out var dueAt))
            {
                var telemetry = TelemetryEvents.Create(firstIndex + produced, keys, startUtc + dueAt);
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
                        // The broker fell behind (e.g. the machine is busy): wait for deliveries rather than fail the run.
                        producer.Poll(TimeSpan.FromMilliseconds(10));
                    }
                }

                produced++;
            }

            producer.Poll(TimeSpan.Zero);
            Thread.Sleep(_tick);
        }

        if (producer.Flush(TimeSpan.FromSeconds(30)) > 0 || Interlocked.Read(ref failed) > 0)
        {
            throw new InvalidOperationException($"{failed} of {produced} paced events could not be produced to '{topic}'.");
        }

        return produced;
    }
}
