using System.Diagnostics;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// The output topics' idempotent producer, replaced by a new one when librdkafka puts it in a fatal state (a fenced
/// epoch, a sequence gap): from then on it would refuse every record, and the outputs would stop until a restart.
/// </summary>
internal sealed partial class OutputProducer : IDisposable
{
    /// <summary>Least time between two replacements: a cluster that fails every new producer at once is not hammered.</summary>
    internal static readonly TimeSpan ReplacementPause = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan QueueFullPause = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a failed producer may take to report what it still held before it is let go.</summary>
    private static readonly TimeSpan RetiredProducerFlush = TimeSpan.FromSeconds(10);

    /// <summary>How long a refused record waits for librdkafka to say whether its producer failed for good (reported asynchronously).</summary>
    private static readonly TimeSpan FatalReportWait = TimeSpan.FromSeconds(2);

    private readonly ProducerConfig _config;
    private readonly AcknowledgementTracker _acknowledgements;
    private readonly OutputMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _swap = new();
    private IProducer<string, byte[]> _producer;
    private bool _disposed;
    private Task<Error> _fatalError;
    private long _lastReplacement = long.MinValue / 2;

    public OutputProducer(ProducerConfig config, AcknowledgementTracker acknowledgements, OutputMetrics metrics, ILogger logger)
    {
        _config = config;
        _acknowledgements = acknowledgements;
        _metrics = metrics;
        _logger = logger;
        (_producer, _fatalError) = Build();
    }

    /// <summary>The librdkafka client in use, for tests that fail it.</summary>
    internal IClient Client => _producer;

    /// <summary>
    /// Hands <paramref name="message"/> to librdkafka, waiting while its buffer is full and replacing a failed producer;
    /// null once accepted (<paramref name="handler"/> then gets Kafka's answer), else why the record itself was refused.
    /// Called by one writer at a time.
    /// </summary>
    public async ValueTask<Error?> ProduceAsync(TopicPartition topic, Message<string, byte[]> message, Action<DeliveryReport<string, byte[]>> handler)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, handler);
                return null;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // librdkafka's own buffer is full (the broker is slow): wait for room rather than drop the record.
                await Task.Delay(QueueFullPause);
            }
            catch (ProduceException<string, byte[]> ex)
            {
                if (await FatalErrorAsync(ex.Error) is not { } fatal)
                {
                    return ex.Error;
                }

                await ReplaceAsync(fatal.Reason);
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for Kafka's answers; returns how many records are still unanswered.</summary>
    public int Flush(TimeSpan timeout)
    {
        IProducer<string, byte[]> current;
        lock (_swap)
        {
            current = _producer;
        }

        return current.Flush(timeout);
    }

    public void Dispose()
    {
        lock (_swap)
        {
            _disposed = true;
            _producer.Dispose();
        }
    }

    /// <summary>
    /// Retires the failed producer: a new one takes its place, then what the old one still held is reported (records in
    /// its queue as refused, so the grains that queued them do not write their state past them) and it is disposed. The
    /// writer waits meanwhile, so every record still outstanding belongs to the retired producer, except the one in hand,
    /// which goes to the new one.
    /// </summary>
    private async Task ReplaceAsync(string reason)
    {
        var sinceLast = Stopwatch.GetElapsedTime(_lastReplacement);
        if (sinceLast < ReplacementPause)
        {
            await Task.Delay(ReplacementPause - sinceLast);
        }

        LogReplaced(_logger, reason);
        var retired = _producer;
        var replacement = Build();
        lock (_swap)
        {
            if (_disposed)
            {
                // The writer outlived the host's shutdown timeout: nothing more is sent.
                replacement.Producer.Dispose();
                throw new ObjectDisposedException(nameof(OutputProducer));
            }

            (_producer, _fatalError) = replacement;
        }

        _lastReplacement = Stopwatch.GetTimestamp();
        var unreported = await Task.Run(() => retired.Flush(RetiredProducerFlush));
        retired.Dispose();
        if (unreported > 0)
        {
            // Disposed, it reports nothing more: waiting for those answers would hold every later barrier.
            AbandonUnreported(inHand: 1);
        }
    }

    /// <summary>
    /// Counts every record still outstanding, but the last <paramref name="inHand"/>, as refused: for the barriers, in
    /// <c>smeai.outputs.failed</c> (topic unknown) and in one log line, so an operator sees them as any other refusal.
    /// </summary>
    internal void AbandonUnreported(int inHand)
    {
        var abandoned = _acknowledgements.AbandonOutstanding(inHand);
        if (abandoned > 0)
        {
            _metrics.Abandoned(abandoned);
            LogRetiredUnreported(_logger, abandoned);
        }
    }

    /// <summary>
    /// The producer's fatal error, if it has one. librdkafka reports it through the error callback, on its own thread,
    /// and refuses records with the underlying code, so a refused record may be seen before the report: wait a moment.
    /// </summary>
    private async Task<Error?> FatalErrorAsync(Error refusal)
    {
        if (refusal.IsFatal)
        {
            return refusal;
        }

        // Refusals of the record itself, which a healthy producer makes too: no reason to wait.
        if (refusal.Code is ErrorCode.MsgSizeTooLarge or ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition or ErrorCode.Local_InvalidArg)
        {
            return null;
        }

        try
        {
            return await _fatalError.WaitAsync(FatalReportWait);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private (IProducer<string, byte[]> Producer, Task<Error> FatalError) Build()
    {
        var fatal = new TaskCompletionSource<Error>(TaskCreationOptions.RunContinuationsAsynchronously);
        var producer = new ProducerBuilder<string, byte[]>(_config)
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    fatal.TrySetResult(error);
                }
            })
            .Build();
        return (producer, fatal.Task);
    }

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "The output producer failed for good ({Reason}); a new one takes over, and the records the old one still held are refused")]
    private static partial void LogReplaced(ILogger logger, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "The failed output producer was let go with {Count} records it never reported on; they count as refused (smeai.outputs.failed, topic unknown)")]
    private static partial void LogRetiredUnreported(ILogger logger, long count);
}
