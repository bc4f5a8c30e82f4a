using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Events.Validation;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace SmeAi.Simulator.Kafka;

/// <summary>
/// Produces simulated events to Kafka as JSON (<see cref="EventJson.Options"/>), keyed by entity id, on each
/// event's topic, at a target rate paced by the wall clock or as fast as possible. The topics must exist.
/// </summary>
/// <remarks>One run at a time per instance. Dispose to release the Kafka client.</remarks>
public sealed partial class SimulatorProducer : IDisposable
{
    private static readonly TimeSpan _minimumPause = TimeSpan.FromMilliseconds(2);

    // A timer waits at most about 49 days; a slower rate waits for its next event in steps of this.
    private static readonly TimeSpan _longestPause = TimeSpan.FromDays(1);

    private readonly SimulatorProducerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IProducer<string, byte[]> _producer;
    private readonly Action<DeliveryReport<string, byte[]>> _onDelivery;
    private long _produced;
    private long _delivered;
    private long _failed;
    private string? _firstError;

    /// <exception cref="OptionsValidationException">The options are invalid; the message names each problem.</exception>
    public SimulatorProducer(SimulatorProducerOptions options, ILogger<SimulatorProducer>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SimulatorProducerOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SimulatorProducerOptions), validation.Failures);
        }

        _options = options;
        _logger = logger ?? NullLogger<SimulatorProducer>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            LingerMs = options.LingerMs,
            MessageTimeoutMs = (int)options.MessageTimeout.TotalMilliseconds,
            EnableIdempotence = true,
            Acks = Acks.All,
        };
        foreach (var (key, value) in options.Settings)
        {
            config.Set(key, value);
        }

        _producer = new ProducerBuilder<string, byte[]>(config)
            .SetKeySerializer(Serializers.Utf8)
            .SetValueSerializer(Serializers.ByteArray)
            .SetErrorHandler((_, error) => LogClientError(_logger, error.Code, error.Reason))
            .Build();
        _onDelivery = OnDelivery;
    }

    /// <summary>Events handed to the Kafka client so far, over all runs.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Events acknowledged by the brokers so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Events that could not be delivered so far.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Events handed to the client and not yet acknowledged or failed; after a cancelled run, those it could not deliver.</summary>
    public long Pending => Produced - Delivered - Failed;

    /// <summary>
    /// Produces <paramref name="events"/> (up to <see cref="SimulatorProducerOptions.MaxEvents"/>), then waits until
    /// every message is acknowledged or has failed.
    /// </summary>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled. What the client still queued was given up to
    /// <see cref="SimulatorProducerOptions.CancelFlushTimeout"/> to be delivered; <see cref="Pending"/> counts what was not.
    /// </exception>
    public async Task<SimulatorProducerResult> ProduceAsync(IEnumerable<SimulatedEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);

        // Producing is synchronous work; run it off the caller's thread.
        await Task.Yield();

        var rate = _options.EventsPerSecond;
        var limit = _options.MaxEvents ?? long.MaxValue;
        var startedAt = _time.GetTimestamp();
        var (deliveredBefore, failedBefore) = (Delivered, Failed);
        var byTopic = new Dictionary<string, long>(StringComparer.Ordinal);
        long count = 0;
        LogStarted(_logger, _options.BootstrapServers, rate);

        try
        {
            foreach (var simulated in events)
            {
                if (count >= limit)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (rate > 0)
                {
                    await WaitUntilDueAsync(count / rate, startedAt, cancellationToken).ConfigureAwait(false);
                }

                Produce(simulated, cancellationToken);
                count++;
                byTopic[simulated.Topic] = byTopic.GetValueOrDefault(simulated.Topic) + 1;
            }

            _producer.Flush(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Produced events wait in the client for linger.ms and acknowledgements; disposing it would drop them.
            _producer.Flush(_options.CancelFlushTimeout);
            LogCancelled(_logger, count, Delivered - deliveredBefore, Failed - failedBefore);
            if (Pending > 0)
            {
                LogNotDelivered(_logger, Pending, _options.CancelFlushTimeout);
            }

            throw;
        }

        var result = new SimulatorProducerResult(
            count, Delivered - deliveredBefore, Failed - failedBefore, byTopic, _time.GetElapsedTime(startedAt), Volatile.Read(ref _firstError));
        LogFinished(_logger, result.Produced, result.Delivered, result.Failed, result.Elapsed);
        return result;
    }

    public void Dispose() => _producer.Dispose();

    /// <summary>Waits until <paramref name="dueSeconds"/> after <paramref name="startedAt"/>; in seconds, as a rate near 0 puts it beyond a TimeSpan.</summary>
    private async Task WaitUntilDueAsync(double dueSeconds, long startedAt, CancellationToken cancellationToken)
    {
        while (dueSeconds - _time.GetElapsedTime(startedAt).TotalSeconds is var wait && wait >= _minimumPause.TotalSeconds)
        {
            var pause = wait < _longestPause.TotalSeconds ? TimeSpan.FromSeconds(wait) : _longestPause;
            await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Produce(SimulatedEvent simulated, CancellationToken cancellationToken)
    {
        var message = new Message<string, byte[]> { Key = simulated.Key, Value = EventJson.SerializeToUtf8Bytes(simulated.Event) };
        while (true)
        {
            try
            {
                _producer.Produce(simulated.Topic, message, _onDelivery);
                Interlocked.Increment(ref _produced);
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The client's queue is full: let it deliver, then try again.
                cancellationToken.ThrowIfCancellationRequested();
                _producer.Poll(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            if (Interlocked.Increment(ref _failed) == 1)
            {
                Interlocked.CompareExchange(ref _firstError, $"{report.Topic}: {report.Error.Code} {report.Error.Reason}", null);
                LogFirstDeliveryFailure(_logger, report.Topic, report.Error.Code, report.Error.Reason);
            }
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Simulator producing to {BootstrapServers} at {EventsPerSecond} events/s (0 = as fast as possible)")]
    private static partial void LogStarted(ILogger logger, string bootstrapServers, double eventsPerSecond);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Simulator produced {Produced} events ({Delivered} delivered, {Failed} failed) in {Elapsed}")]
    private static partial void LogFinished(ILogger logger, long produced, long delivered, long failed, TimeSpan elapsed);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Simulator could not deliver to {Topic}: {ErrorCode} {Reason}; further failures are only counted")]
    private static partial void LogFirstDeliveryFailure(ILogger logger, string topic, ErrorCode errorCode, string reason);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Kafka client error in the simulator producer: {ErrorCode} {Reason}")]
    private static partial void LogClientError(ILogger logger, ErrorCode errorCode, string reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Simulator cancelled after producing {Produced} events ({Delivered} delivered, {Failed} failed)")]
    private static partial void LogCancelled(ILogger logger, long produced, long delivered, long failed);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Simulator cancelled with {Pending} events not acknowledged {CancelFlushTimeout} later; they are not delivered")]
    private static partial void LogNotDelivered(ILogger logger, long pending, TimeSpan cancelFlushTimeout);
}
