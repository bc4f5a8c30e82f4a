using System.Diagnostics;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.LoadTests.Kafka;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// The load generator of the pipeline scenarios: one producer for the run writing <c>machine-telemetry</c>. A paced
/// event's <c>ts</c> is the wall-clock time its schedule made it due (<see cref="PacedSchedule"/>), so latency runs
/// from when it should have been produced to the score record and includes any delay of the generator itself; a bulk
/// event's is the time it is handed to the producer. Paced loads run on a dedicated thread so timer and pool delays
/// do not bend the rate.
/// </summary>
internal sealed class TelemetryLoad(string bootstrapServers, TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan _tick = TimeSpan.FromMilliseconds(1);
    private readonly IProducer<string, byte[]> _producer = KafkaClientFactory.Producer(bootstrapServers, PipelineRun.LingerMs);
    private long _next;
    private long _delivered;
    private long _failed;

    /// <summary>Events handed to the producer so far.</summary>
    public long Produced => Interlocked.Read(ref _next);

    /// <summary>Events the broker acknowledged so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Produces as fast as the producer takes them: <paramref name="events"/> events over <paramref name="keys"/> machines.</summary>
    public Task BulkAsync(long events, int keys, CancellationToken cancellationToken) => Dedicated(() =>
    {
        for (long i = 0; i < events; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Produce(keys, timeProvider.GetUtcNow());
        }

        Flush();
    }, cancellationToken);

    /// <summary>
    /// Produces for <paramref name="duration"/> at the rate <paramref name="rate"/> gives for the time since the start
    /// (events/s), over <paramref name="keys"/> machines.
    /// </summary>
    public Task PacedAsync(Func<TimeSpan, double> rate, TimeSpan duration, int keys, CancellationToken cancellationToken) =>
        PacedAsync(rate, elapsed => elapsed >= duration, keys, cancellationToken);

    /// <summary>Produces at <paramref name="rate"/> until <paramref name="done"/> answers true for the time since the start.</summary>
    public Task PacedAsync(Func<TimeSpan, double> rate, Func<TimeSpan, bool> done, int keys, CancellationToken cancellationToken) => Dedicated(() =>
    {
        var schedule = new PacedSchedule(rate);
        var (start, startUtc) = (Stopwatch.GetTimestamp(), timeProvider.GetUtcNow());
        while (Stopwatch.GetElapsedTime(start) is var elapsed && !done(elapsed))
        {
            cancellationToken.ThrowIfCancellationRequested();
            schedule.AdvanceTo(elapsed);
            while (schedule.TryTake(out var dueAt))
            {
                Produce(keys, startUtc + dueAt);
            }

            _producer.Poll(TimeSpan.Zero);
            Thread.Sleep(_tick);
        }

        Flush();
    }, cancellationToken);

    public void Dispose() => _producer.Dispose();

    private static Task Dedicated(Action action, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(action, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Produce(int keys, DateTimeOffset ts)
    {
        var telemetry = TelemetryEvents.Create(_next++, keys, ts);
        var message = new Message<string, byte[]> { Key = telemetry.MachineId, Value = EventJson.SerializeToUtf8Bytes(telemetry) };
        while (true)
        {
            try
            {
                _producer.Produce(TopicNames.MachineTelemetry, message, OnDelivered);
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private void Flush()
    {
        if (_producer.Flush(TimeSpan.FromSeconds(60)) > 0 || Interlocked.Read(ref _failed) > 0)
        {
            throw new InvalidOperationException($"{Interlocked.Read(ref _failed)} events could not be produced to '{TopicNames.MachineTelemetry}'.");
        }
    }

    private void OnDelivered(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
