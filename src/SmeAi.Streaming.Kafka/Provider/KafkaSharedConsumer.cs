using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SmeAi.Streaming.Kafka.Configuration;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// One Kafka consumer shared by the receivers of several partitions (a silo has
/// <see cref="KafkaStreamOptions.ConsumersPerSilo"/>): each receiver assigns its partition here and takes its
/// partition's messages from here.
/// </summary>
/// <remarks>
/// A consumer per partition cost a librdkafka instance (threads, a connection, a fetch loop) per partition of every
/// input topic: 48 on a silo with three 16-partition topics, each fetching every <c>FetchWaitMaxMs</c> even with nothing
/// to read. An idle silo on the embedded broker spent about half a core on those loops. A shared consumer sends one
/// fetch for all its partitions. Whichever receiver polls first drains the consumer's queue into per-partition buffers; a
/// partition whose buffer holds <see cref="KafkaStreamOptions.MaxCachedMessagesPerQueue"/> messages (its cache is full
/// and its receiver stopped taking) is paused until its receiver took half of them, so one slow partition neither grows
/// memory nor stops the others. Not sooner: a pause drops what librdkafka prefetched for the partition, which is
/// fetched again on resume, and pausing at one read's worth (<c>MaxBatchSize</c>) cut the provider's rate by a third. librdkafka resumes a paused
/// partition after the last message handed out, so pausing neither loses nor repeats messages.
/// </remarks>
internal sealed partial class KafkaSharedConsumer : IDisposable
{
    private readonly KafkaStreamOptions _options;
    private readonly string _clientId;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    // Not disposed with the consumer: a refresh may still be waiting on it, and without a wait handle it holds nothing.
    private readonly SemaphoreSlim _queryGate = new(1, 1);
    private readonly Dictionary<TopicPartition, PartitionBuffer> _partitions = [];
    private readonly int _pauseAt;
    private readonly int _partitionCount;
    private IConsumer<byte[], byte[]>? _consumer;

    // Attaches, detaches and watermark queries that use the consumer outside the lock (they block on the broker). The consumer is closed
    // only when none is running: librdkafka waits forever for the reply to an assign on a closed consumer.
    private int _inFlight;
    private bool _disposed;

    /// <param name="partitionCount">Partitions this consumer may be given at most.</param>
    public KafkaSharedConsumer(KafkaStreamOptions options, string clientId, int partitionCount, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clientId = clientId;
        _partitionCount = Math.Max(1, partitionCount);
        _logger = logger;
        _pauseAt = Math.Max(1, options.MaxCachedMessagesPerQueue);
    }

    /// <summary>Partitions assigned now.</summary>
    public int AssignedCount
    {
        get
        {
            lock (_lock)
            {
                return _partitions.Count;
            }
        }
    }

    /// <summary>
    /// Assigns <paramref name="partition"/> at the offset its group committed (or the earliest one); returns the
    /// committed offset, -1 when there is none. Blocks on the group coordinator: call it off the scheduler.
    /// </summary>
    public long Attach(TopicPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        IConsumer<byte[], byte[]> consumer;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            consumer = _consumer ??= Build();
            _inFlight++;
        }

        try
        {
            var committed = consumer.Committed([partition], _options.OperationTimeout)
                .Single(tpo => tpo.TopicPartition == partition).Offset;
            lock (_lock)
            {
                // Re-assigned without a detach (an earlier attach whose receiver never started): start over from the commit.
                if (Unbuffer(consumer, partition))
                {
                    consumer.IncrementalUnassign([partition]);
                }

                consumer.IncrementalAssign([new TopicPartitionOffset(partition, committed.IsSpecial ? Offset.Beginning : committed)]);
                _partitions.Add(partition, new PartitionBuffer());
            }

            return committed.IsSpecial ? -1 : committed.Value;
        }
        finally
        {
            EndInFlight();
        }
    }

    /// <summary>
    /// Moves up to <paramref name="limit"/> messages of <paramref name="partition"/>, in offset order, into
    /// <paramref name="into"/>: only what librdkafka already fetched, never waiting. Returns the error consuming
    /// reported for this partition since the last call, if any.
    /// </summary>
    public Error? Take(TopicPartition partition, int limit, List<ConsumeResult<byte[], byte[]>> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_lock)
        {
            if (_consumer is not { } consumer || !_partitions.TryGetValue(partition, out var buffer))
            {
                return null;
            }

            Fill(consumer);
            var messages = buffer.Messages;
            while (limit-- > 0 && messages.TryDequeue(out var message))
            {
                into.Add(message);
            }

            if (buffer.Paused && messages.Count < _pauseAt / 2 + 1)
            {
                consumer.Resume([partition]);
                buffer.Paused = false;
            }

            var error = buffer.Error;
            buffer.Error = null;
            return error;
        }
    }

    /// <summary>Messages of <paramref name="partition"/> fetched and not yet taken.</summary>
    public int Buffered(TopicPartition partition)
    {
        lock (_lock)
        {
            return _partitions.TryGetValue(partition, out var buffer) ? buffer.Messages.Count : 0;
        }
    }

    /// <summary>The partition's high watermark as of its last fetch (no broker call).</summary>
    public long HighWatermark(TopicPartition partition)
    {
        lock (_lock)
        {
            return _consumer?.GetWatermarkOffsets(partition).High.Value ?? Offset.Unset.Value;
        }
    }

    /// <summary>
    /// The partition's high watermark asked of the broker, while nothing is fetched for it: it is paused here, or its
    /// receiver stopped taking because its cache is full (<paramref name="cacheFull"/>) and librdkafka's prefetch is
    /// full too. <see cref="HighWatermark"/> then stays where the last fetch left it. Null when the partition is fetched
    /// (or not assigned) or the broker did not answer. One query per consumer at a time, so a broker that does not
    /// answer holds one thread, not one per partition. Blocks on the broker: call it off the scheduler.
    /// </summary>
    public async Task<long?> QueryHighWatermarkWhileUnfetchedAsync(TopicPartition partition, bool cacheFull)
    {
        await _queryGate.WaitAsync().ConfigureAwait(false);
        try
        {
            IConsumer<byte[], byte[]> consumer;
            lock (_lock)
            {
                if (_consumer is null || !_partitions.TryGetValue(partition, out var buffer) || !(buffer.Paused || cacheFull))
                {
                    return null;
                }

                consumer = _consumer;
                _inFlight++;
            }

            try
            {
                return consumer.QueryWatermarkOffsets(partition, _options.OperationTimeout).High.Value;
            }
            catch (KafkaException ex)
            {
                LogWatermarkQueryFailed(_logger, _clientId, partition.Topic, partition.Partition.Value, ex.Error.Reason);
                return null;
            }
            finally
            {
                EndInFlight();
            }
        }
        finally
        {
            _queryGate.Release();
        }
    }

    /// <summary>Marks <paramref name="offset"/> as the partition's next commit (librdkafka commits in the background).</summary>
    public void StoreOffset(TopicPartitionOffset offset)
    {
        lock (_lock)
        {
            _consumer?.StoreOffset(offset);
        }
    }

    /// <summary>Reads the partition again from <paramref name="offset"/>, dropping what was fetched after it.</summary>
    public void Seek(TopicPartitionOffset offset)
    {
        ArgumentNullException.ThrowIfNull(offset);
        lock (_lock)
        {
            if (_consumer is not { } consumer || !_partitions.TryGetValue(offset.TopicPartition, out var buffer))
            {
                return;
            }

            buffer.Messages.Clear();
            if (buffer.Paused)
            {
                consumer.Resume([offset.TopicPartition]);
                buffer.Paused = false;
            }

            consumer.Seek(offset);
        }
    }

    /// <summary>
    /// Commits <paramref name="checkpoint"/> (when not negative) and unassigns the partition; the last partition out
    /// closes the consumer. Blocks on the broker: call it off the scheduler. A failed commit throws after the unassign.
    /// </summary>
    public void Detach(TopicPartition partition, long checkpoint)
    {
        IConsumer<byte[], byte[]>? consumer;
        lock (_lock)
        {
            consumer = _consumer;
            if (consumer is null || !Unbuffer(consumer, partition))
            {
                return;
            }

            _inFlight++;
        }

        try
        {
            if (checkpoint >= 0)
            {
                consumer.Commit([new TopicPartitionOffset(partition, checkpoint)]);
            }
        }
        finally
        {
            UnassignAndEndInFlight(consumer, partition);
        }
    }

    /// <summary>Closes the consumer now, or, while an attach or detach still uses it, when the last of them ends.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _partitions.Clear();
        }

        CloseIfUnused();
    }

    private IConsumer<byte[], byte[]> Build()
    {
        var config = KafkaClientConfigs.Consumer(_options, _clientId);

        // librdkafka bounds the prefetch of a consumer's queue as a whole, and this one queue serves every partition.
        config.QueuedMaxMessagesKbytes = (int)Math.Min(KafkaClientConfigs.MaxPrefetchKiB, (long)_options.ConsumerPrefetchKiB * _partitionCount);
        return new ConsumerBuilder<byte[], byte[]>(config)
            .SetErrorHandler((_, error) => LogClientError(_logger, _clientId, error.Code, error.Reason))
            .SetLogHandler((_, _) => { })
            .Build();
    }

    /// <summary>
    /// Drops the partition's buffer, resuming it if it was paused: librdkafka keeps a partition paused through an
    /// unassign, so a queue that came back to this consumer would otherwise never be fetched again.
    /// </summary>
    private bool Unbuffer(IConsumer<byte[], byte[]> consumer, TopicPartition partition)
    {
        if (!_partitions.Remove(partition, out var buffer))
        {
            return false;
        }

        if (buffer.Paused)
        {
            consumer.Resume([partition]);
        }

        return true;
    }

    private void UnassignAndEndInFlight(IConsumer<byte[], byte[]> consumer, TopicPartition partition)
    {
        try
        {
            lock (_lock)
            {
                consumer.IncrementalUnassign([partition]);
            }
        }
        finally
        {
            EndInFlight();
        }
    }

    private void EndInFlight()
    {
        lock (_lock)
        {
            _inFlight--;
        }

        CloseIfUnused();
    }

    /// <summary>Closes the consumer once no partition is assigned (or it was disposed) and no attach or detach uses it.</summary>
    private void CloseIfUnused()
    {
        IConsumer<byte[], byte[]>? closing = null;
        lock (_lock)
        {
            if ((_partitions.Count == 0 || _disposed) && _inFlight == 0)
            {
                closing = _consumer;
                _consumer = null;
            }
        }

        if (closing is not null)
        {
            Close(closing);
        }
    }

    /// <summary>Moves what librdkafka fetched into the partitions' buffers, pausing a partition whose buffer is full.</summary>
    private void Fill(IConsumer<byte[], byte[]> consumer)
    {
        while (true)
        {
            ConsumeResult<byte[], byte[]>? result;
            try
            {
                result = consumer.Consume(TimeSpan.Zero);
            }
            catch (ConsumeException ex)
            {
                if (ex.ConsumerRecord?.TopicPartition is { } failed && _partitions.TryGetValue(failed, out var failedBuffer))
                {
                    failedBuffer.Error = ex.Error;
                }
                else
                {
                    LogClientError(_logger, _clientId, ex.Error.Code, ex.Error.Reason);
                }

                return;
            }

            if (result?.Message is null)
            {
                return;
            }

            // A partition unassigned since the fetch: librdkafka drops most such messages itself.
            if (!_partitions.TryGetValue(result.TopicPartition, out var buffer))
            {
                continue;
            }

            buffer.Messages.Enqueue(result);
            if (!buffer.Paused && buffer.Messages.Count >= _pauseAt)
            {
                consumer.Pause([result.TopicPartition]);
                buffer.Paused = true;
            }
        }
    }

    private static void Close(IConsumer<byte[], byte[]> consumer)
    {
        try
        {
            consumer.Close();
        }
        catch (KafkaException)
        {
            // Closing only leaves the group; offsets are already committed or logged as failed.
        }

        consumer.Dispose();
    }

    [LoggerMessage(EventId = 3016, Level = LogLevel.Debug, Message = "Kafka consumer {ClientId} could not ask the broker for the high watermark of {Topic}[{Partition}]: {Reason}")]
    private static partial void LogWatermarkQueryFailed(ILogger logger, string clientId, string topic, int partition, string reason);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Kafka consumer {ClientId} reports {ErrorCode} {Reason}")]
    private static partial void LogClientError(ILogger logger, string clientId, ErrorCode errorCode, string reason);

    private sealed class PartitionBuffer
    {
        public Queue<ConsumeResult<byte[], byte[]>> Messages { get; } = new();

        public bool Paused { get; set; }

        public Error? Error { get; set; }
    }
}
