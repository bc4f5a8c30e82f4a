using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using ErrorCode = Confluent.Kafka.ErrorCode;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Diagnostics;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Reads one Kafka partition (one Orleans queue), assigned to the silo's <see cref="KafkaSharedConsumer"/>.
/// </summary>
/// <remarks>
/// Checkpointing: the committed offset of a partition is the first offset of the oldest container still in the queue
/// cache, or, with an empty cache, the offset after the last message read. The cache purges a container only after
/// every consumer's cursor moved past it, i.e. after delivery to every consumer, and the pulling agent reports purges
/// through <see cref="MessagesDeliveredAsync(IList{IBatchContainer}, CancellationToken)"/>; only then is the offset
/// stored, and librdkafka commits stored offsets under the group id every <c>CommitIntervalMs</c>. Shutdown commits
/// synchronously what <c>CheckpointDelay</c> allows (consumer grains elsewhere keep write-behind state). On start the receiver resumes at the committed offset, or at the earliest offset when the group has
/// none. Rejected messages are dead-lettered (and acknowledged) before the batch is returned, so they never hold the
/// checkpoint back. Events whose delivery failed are dead-lettered when purged; until Kafka took a dead letter, its
/// event holds the checkpoint back and is tried again on the next report, or on a read that finds the partition idle.
/// </remarks>
internal sealed partial class KafkaQueueAdapterReceiver : IQueueAdapterReceiver
{
    private static readonly TimeSpan IdleDeadLetterRetryInterval = TimeSpan.FromSeconds(1);

    private readonly KafkaStreamOptions _options;
    private readonly KafkaQueueState _state;
    private readonly TopicPartition _topicPartition;
    private readonly string _streamNamespace;
    private readonly KafkaSharedConsumer _consumer;
    private readonly IKafkaDataAdapter _dataAdapter;
    private readonly KafkaDeadLetterPublisher _deadLetters;
    private readonly KafkaStreamMetrics _metrics;
    private readonly KafkaQueueRegistry _registry;
    private readonly ILogger _logger;

    // Whether the partition is assigned to the shared consumer (Initialize succeeded and Shutdown has not begun).
    private bool _attached;

    // Runs while the partition is attached.
    private KafkaWatermarkRefresh? _watermarkRefresh;

    // Set when Shutdown begins: the agent's calls may still interleave with it (each yields while it waits on Kafka), and
    // none of them may assign the partition again, or it would stay assigned with nothing reading it.
    private bool _shutDown;

    // The messages of the read in progress; reused because the agent polls every partition every few ms.
    private readonly List<ConsumeResult<byte[], byte[]>> _reads = [];

    // Offset expected next; a message above it means Kafka dropped the ones between (offset out of range).
    private long _nextOffset = -1;
    private long _storedOffset = -1;
    private readonly DelayedCheckpoints _checkpoints;

    // Events of purged containers whose delivery had failed and whose dead letter Kafka has not taken yet.
    private readonly List<FailedEvent> _deadLettersDue = [];

    // When the last attempt to produce due dead letters ended, on any path.
    private long _lastDeadLetterAttemptEndMs = long.MinValue / 2;

    // The containers of the read in progress, by key; reused because the agent polls every partition every few ms.
    private readonly Dictionary<string, KafkaBatchContainer> _openContainers = new(StringComparer.Ordinal);

    public KafkaQueueAdapterReceiver(
        KafkaStreamOptions options,
        KafkaQueueState state,
        KafkaSharedConsumer consumer,
        IKafkaDataAdapter dataAdapter,
        KafkaDeadLetterPublisher deadLetters,
        KafkaStreamMetrics metrics,
        KafkaQueueRegistry registry,
        ILogger logger)
    {
        _options = options;
        _checkpoints = new DelayedCheckpoints(options.CheckpointDelay);
        _state = state;
        _topicPartition = new TopicPartition(state.Topic, state.Partition);
        _streamNamespace = options.NamespaceOf(state.Topic);
        _consumer = consumer;
        _dataAdapter = dataAdapter;
        _deadLetters = deadLetters;
        _metrics = metrics;
        _registry = registry;
        _logger = logger;
        if (options.CheckpointDelay > TimeSpan.Zero)
        {
            // The cache keeps delivered containers as a replay window; let it keep their bytes instead of their events.
            state.Redecode = Redecode;
        }
    }

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_shutDown)
        {
            return;
        }

        // Creating the consumer and asking the group coordinator for the committed offset block; keep them off the scheduler.
        var committed = await Task.Run(() => _consumer.Attach(_topicPartition), cancellationToken).ConfigureAwait(true);
        if (_shutDown)
        {
            // Shutdown ran while the partition was being assigned and found nothing to release: release it here.
            await Task.Run(() => _consumer.Detach(_topicPartition, checkpoint: -1), CancellationToken.None).ConfigureAwait(true);
            return;
        }

        _attached = true;
        _watermarkRefresh = new KafkaWatermarkRefresh(_consumer, _topicPartition, _state);
        if (committed >= 0)
        {
            _nextOffset = committed;
            _storedOffset = committed;
            _state.CommittedOffset = committed;
            LogResumed(_logger, _state.Topic, _state.Partition, _options.GroupId, committed);
        }
        else
        {
            LogStartingEarliest(_logger, _state.Topic, _state.Partition, _options.GroupId);
        }
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (!_attached)
        {
            // Initialize failed (broker unreachable); the agent keeps pumping, so try again here. Not once shut down.
            await Initialize(_options.OperationTimeout, cancellationToken).ConfigureAwait(true);
            if (!_attached)
            {
                return [];
            }
        }

        var containers = new List<IBatchContainer>();
        var open = _openContainers;
        open.Clear();
        List<(ConsumeResult<byte[], byte[]> Result, string Reason)>? rejected = null;
        long firstOffset = -1;
        var read = 0;
        var limit = maxCount > 0 ? Math.Min(maxCount, _options.MaxBatchSize) : _options.MaxBatchSize;
        var reads = _reads;
        reads.Clear();

        // Only what librdkafka already fetched in the background; never blocks the scheduler.
        if (_consumer.Take(_topicPartition, limit, reads) is { } error)
        {
            LogConsumeError(_logger, _state.Topic, _state.Partition, error.Code, error.Reason);
        }

        foreach (var result in reads)
        {
            read++;
            var offset = result.Offset.Value;
            if (firstOffset < 0)
            {
                firstOffset = offset;
                if (_state.CommittedOffset < 0)
                {
                    // A group without a checkpoint yet: its lag counts from the first event read, not from nowhere.
                    _state.CommittedOffset = offset;
                }
            }

            TrackGap(offset);
            var reason = Decode(result, out var payload, out var streamKey);
            if (reason is not null)
            {
                (rejected ??= []).Add((result, reason));
                continue;
            }

            var key = streamKey ?? Encoding.UTF8.GetString(result.Message.Key);
            if (!open.TryGetValue(key, out var container))
            {
                container = new KafkaBatchContainer(StreamId.Create(_streamNamespace, key), _state.Partition, [], []);
                open.Add(key, container);
                containers.Add(container);
            }

            container.Offsets.Add(offset);
            container.Events.Add(payload!);
            container.RawBytes += result.Message.Key.Length + (result.Message.Value?.Length ?? 0);
            if (_state.Redecode is not null)
            {
                (container.Reads ??= []).Add(result);
            }
        }

        if (read == 0)
        {
            await CatchUpWhileIdleAsync().ConfigureAwait(true);
            return containers;
        }

        reads.Clear();
        _state.HighWatermark = _consumer.HighWatermark(_topicPartition);
        if (rejected is not null)
        {
            await DeadLetterRejectedAsync(rejected, firstOffset).ConfigureAwait(true);
            if (containers.Count == 0)
            {
                // Only rejects: nothing will be purged for them, so move the checkpoint past them now.
                StoreCheckpoint();
            }
        }

        // Written only now: when dead-lettering the rejects fails, these containers are dropped and read again, and a
        // record written for them would pin its block for good.
        foreach (KafkaBatchContainer container in containers)
        {
            if (container.Reads is { } containerReads)
            {
                container.Raw = _state.RawLog.Write(containerReads);
                container.Reads = null;
            }
        }

        // Counted only now: when dead-lettering fails, the receiver rewinds and these messages are read (and counted) again.
        _metrics.Read(_state.Topic, read);
        return containers;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        await ReportDeliveredAsync(messages).ConfigureAwait(true);
        StoreCheckpoint();
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _shutDown = true;
        _registry.Remove(_state);
        _watermarkRefresh?.Stop();

        if (!_attached)
        {
            return;
        }

        try
        {
            try
            {
                // The cache purged what the live cursors had passed just before they were disposed; count and checkpoint it.
                await ReportDeliveredAsync([]).ConfigureAwait(true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // What it could not dead-letter stays due and holds the checkpoint back; the rest is still committed and
                // the partition released, or the next owner would replay more and this consumer keep fetching it.
                LogShutdownReportFailed(_logger, ex, _state.Topic, _state.Partition);
            }

            // Not immediate: the queue may only be moving to another silo (rebalance), and even on a silo shutdown the
            // consumers on other silos have not written what they applied; the next owner replays the delayed tail.
            StoreCheckpoint();
            _attached = false;
            var checkpoint = _storedOffset;
            await Task.Run(() => CommitAndDetach(checkpoint), CancellationToken.None).WaitAsync(timeout, cancellationToken).ConfigureAwait(true);
        }
        catch (TimeoutException)
        {
            LogShutdownCommitFailed(_logger, _state.Topic, _state.Partition, _storedOffset, "timed out");
        }
        finally
        {
            _attached = false;
        }
    }

    private void CommitAndDetach(long checkpoint)
    {
        try
        {
            _consumer.Detach(_topicPartition, checkpoint);
            if (checkpoint >= 0)
            {
                LogShutdownCommitted(_logger, _state.Topic, _state.Partition, checkpoint);
            }
        }
        catch (KafkaException ex)
        {
            LogShutdownCommitFailed(_logger, _state.Topic, _state.Partition, checkpoint, ex.Error.Reason);
        }
    }

    /// <summary>A container of the replay window from its messages' bytes: the events the first read accepted.</summary>
    private KafkaBatchContainer? Redecode(StreamId streamId, Cache.RawEvents raw)
    {
        var messages = Cache.RawEventLog.Read(raw, _state.Topic, _state.Partition);
        var offsets = new List<long>(messages.Count);
        var events = new List<object>(messages.Count);
        foreach (var message in messages)
        {
            if (Decode(message, out var payload, out _) is null)
            {
                offsets.Add(message.Offset.Value);
                events.Add(payload!);
            }
        }

        return events.Count == 0 ? null : new KafkaBatchContainer(streamId, _state.Partition, offsets, events);
    }

    private string? Decode(ConsumeResult<byte[], byte[]> result, out object? payload, out string? streamKey)
    {
        payload = null;
        streamKey = null;
        if (result.Message.Key is not { Length: > 0 })
        {
            return "missing key: the message key is the stream key (entity id)";
        }

        KafkaDecodeResult decoded;
        try
        {
            decoded = _dataAdapter.Decode(result);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"data adapter threw {ex.GetType().Name}: {ex.Message}";
        }

        if (decoded.Payload is null && decoded.RejectionReason is null)
        {
            // default(KafkaDecodeResult): accepting it would deliver nothing and checkpoint past the message, untraced.
            return "data adapter returned neither an event nor a reason";
        }

        payload = decoded.Payload;
        streamKey = decoded.StreamKey;
        return decoded.RejectionReason;
    }

    private void TrackGap(long offset)
    {
        if (_nextOffset >= 0 && offset > _nextOffset)
        {
            var lost = offset - _nextOffset;
            _metrics.Lost(_state.Topic, lost);
            LogOffsetsLost(_logger, _state.Topic, _state.Partition, _nextOffset, offset - 1, lost);
        }

        _nextOffset = offset + 1;
    }

    private async Task DeadLetterRejectedAsync(List<(ConsumeResult<byte[], byte[]> Result, string Reason)> rejected, long firstOffset)
    {
        try
        {
            await Task.WhenAll(rejected.Select(item =>
            {
                LogRejected(_logger, _state.Topic, _state.Partition, item.Result.Offset.Value, item.Reason);
                return _deadLetters.PublishAsync(
                    KafkaDeadLetterHeaders.KindRejected, item.Reason, _state.Topic, _state.Partition, item.Result.Offset.Value,
                    item.Result.Message.Key, item.Result.Message.Value);
            })).ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing of this batch reaches the cache: rewind so it is read again rather than lost with its rejects. Any
            // failure, not only a refused produce: a producer that could not be built or was disposed fails otherwise.
            LogDeadLetterFailed(_logger, _state.Topic, _state.Partition, firstOffset, Describe(ex));
            _consumer.Seek(new TopicPartitionOffset(_topicPartition, firstOffset));
            _nextOffset = firstOffset;
            throw;
        }
    }

    private static string Describe(Exception exception) =>
        exception is KafkaException kafka ? kafka.Error.Reason : $"{exception.GetType().Name}: {exception.Message}";

    private async Task ReportDeliveredAsync(IList<IBatchContainer> messages)
    {
        IEnumerable<IBatchContainer> all = messages;
        if (_state.UnreportedDeliveries.Count > 0)
        {
            all = [.. _state.UnreportedDeliveries, .. messages];
            _state.UnreportedDeliveries.Clear();
        }

        var delivered = 0;
        foreach (var container in all.Cast<KafkaBatchContainer>())
        {
            delivered += container.Events.Count;
            if (_state.FailedDeliveries.Contains(container))
            {
                for (var i = 0; i < container.Events.Count; i++)
                {
                    _deadLettersDue.Add(new FailedEvent(container, i));
                }
            }
        }

        if (delivered > 0)
        {
            _metrics.Delivered(_state.Topic, delivered);
        }

        if (_deadLettersDue.Count > 0)
        {
            await DeadLetterFailedDeliveriesAsync().ConfigureAwait(true);
        }
    }

    /// <summary>
    /// Produces every due dead letter of a failed delivery. What the broker did not take stays due, for the next report
    /// to try again, and holds the checkpoint back (see <see cref="StoreCheckpoint"/>): once purged from the cache, these
    /// events exist nowhere else but in Kafka.
    /// </summary>
    private async Task DeadLetterFailedDeliveriesAsync()
    {
        FailedEvent[] due = [.. _deadLettersDue];
        bool[] produced;
        try
        {
            produced = await Task.WhenAll(due.Select(TryDeadLetterAsync)).ConfigureAwait(true);
        }
        finally
        {
            _lastDeadLetterAttemptEndMs = Environment.TickCount64;
        }

        // One by one: a failed attempt must not keep those already produced due (they would be produced again on every
        // later report), and the list may have grown while the attempts waited on the broker.
        for (var i = 0; i < due.Length; i++)
        {
            if (produced[i])
            {
                _deadLettersDue.Remove(due[i]);
                LogDeliveryDeadLettered(_logger, _state.Topic, _state.Partition, due[i].Offset, due[i].Container.StreamId);
            }
        }

        foreach (var container in due.Select(item => item.Container).Distinct())
        {
            if (!_deadLettersDue.Exists(item => item.Container == container))
            {
                _state.FailedDeliveries.Remove(container);
            }
        }
    }

    private async Task<bool> TryDeadLetterAsync(FailedEvent item)
    {
        var container = item.Container;
        try
        {
            // The message as consumed, so the letter can be replayed into the input topic; re-encoded from the event only
            // when the queue keeps no bytes (no CheckpointDelay, no replay window).
            var consumed = container.Consumed?.Find(message => message.Offset.Value == item.Offset)?.Message;
            await _deadLetters.PublishAsync(
                KafkaDeadLetterHeaders.KindDeliveryFailed, "delivery failed after retries", _state.Topic, _state.Partition, item.Offset,
                consumed?.Key ?? Encoding.UTF8.GetBytes(container.StreamId.GetKeyAsString()),
                consumed?.Value ?? _dataAdapter.Encode(_state.Topic, container.Events[item.Index]))
                .ConfigureAwait(true);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not only a refusal: the data adapter may fail to encode the event, or the producer be unusable.
            LogDeliveryDeadLetterFailed(_logger, _state.Topic, _state.Partition, item.Offset, container.StreamId, Describe(ex));
            return false;
        }
    }

    /// <summary>
    /// The agent reports deliveries only when its cache purges something, so once a partition goes quiet nothing else
    /// would store the checkpoint its <c>CheckpointDelay</c> held back, or retry the dead letters a refusing topic left
    /// due: the committed offset (and the lag gauge) would stay behind until the next event. Idle reads do both, dead
    /// letters only once <see cref="IdleDeadLetterRetryInterval"/> has passed since the last attempt ended, since each
    /// attempt may wait for the broker. Without a cache tracking the queue nothing says what was read was delivered.
    /// </summary>
    private async Task CatchUpWhileIdleAsync()
    {
        if (_state.OldestCachedOffset is null)
        {
            return;
        }

        if (_deadLettersDue.Count > 0 && Environment.TickCount64 - _lastDeadLetterAttemptEndMs >= (long)IdleDeadLetterRetryInterval.TotalMilliseconds)
        {
            try
            {
                await DeadLetterFailedDeliveriesAsync().ConfigureAwait(true);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The events stay due and keep holding the checkpoint back; a failed retry must not fail the read.
                LogIdleDeadLetterRetryFailed(_logger, ex, _state.Topic, _state.Partition, _deadLettersDue.Count);
            }
        }

        StoreCheckpoint();
    }

    private void StoreCheckpoint()
    {
        var reached = _state.OldestCachedOffset?.Invoke() ?? _nextOffset;
        foreach (var item in _deadLettersDue)
        {
            // Not delivered and not yet dead-lettered: only Kafka still has it.
            reached = Math.Min(reached, item.Offset);
        }

        var checkpoint = _checkpoints.Ready(reached, Environment.TickCount64, immediate: false);
        if (!_attached || checkpoint < 0 || checkpoint <= _storedOffset)
        {
            return;
        }

        try
        {
            _consumer.StoreOffset(new TopicPartitionOffset(_topicPartition, checkpoint));
            _storedOffset = checkpoint;
            _state.CommittedOffset = checkpoint;
        }
        catch (KafkaException ex)
        {
            LogStoreFailed(_logger, _state.Topic, _state.Partition, checkpoint, ex.Error.Reason);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Kafka partition {Topic}/{Partition} resumes at offset {Offset}, committed by group {GroupId}")]
    private static partial void LogResumed(ILogger logger, string topic, int partition, string groupId, long offset);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Kafka partition {Topic}/{Partition} has no offset committed by group {GroupId}; starting at the earliest offset")]
    private static partial void LogStartingEarliest(ILogger logger, string topic, int partition, string groupId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Kafka partition {Topic}/{Partition} lost offsets {FromOffset}..{ToOffset} ({LostCount} events): removed by retention before they were read")]
    private static partial void LogOffsetsLost(ILogger logger, string topic, int partition, long fromOffset, long toOffset, long lostCount);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Kafka message {Topic}/{Partition}@{Offset} rejected and dead-lettered: {Reason}")]
    private static partial void LogRejected(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning,
        Message = "Kafka message {Topic}/{Partition}@{Offset} of stream {StreamId} dead-lettered: delivery failed after retries")]
    private static partial void LogDeliveryDeadLettered(ILogger logger, string topic, int partition, long offset, StreamId streamId);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Error,
        Message = "Kafka message {Topic}/{Partition}@{Offset} of stream {StreamId}: delivery failed and dead-lettering it failed too ({Reason}); retried on the next delivery report or idle read (at most once a second), the checkpoint stays before it")]
    private static partial void LogDeliveryDeadLetterFailed(ILogger logger, string topic, int partition, long offset, StreamId streamId, string reason);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Error,
        Message = "Kafka partition {Topic}/{Partition}: retrying {Count} due dead letters on an idle read failed; they stay due and the checkpoint stays before them")]
    private static partial void LogIdleDeadLetterRetryFailed(ILogger logger, Exception exception, string topic, int partition, int count);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning,
        Message = "Consuming Kafka partition {Topic}/{Partition} failed: {ErrorCode} {Reason}")]
    private static partial void LogConsumeError(ILogger logger, string topic, int partition, ErrorCode errorCode, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information,
        Message = "Kafka partition {Topic}/{Partition} released with offset {Offset} committed")]
    private static partial void LogShutdownCommitted(ILogger logger, string topic, int partition, long offset);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning,
        Message = "Kafka partition {Topic}/{Partition} could not commit offset {Offset} on release ({Reason}); the next owner replays from the previous commit")]
    private static partial void LogShutdownCommitFailed(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Error,
        Message = "Kafka partition {Topic}/{Partition}: reporting the last deliveries on release failed; committing what is known delivered")]
    private static partial void LogShutdownReportFailed(ILogger logger, Exception exception, string topic, int partition);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error,
        Message = "Kafka partition {Topic}/{Partition}: dead-lettering failed ({Reason}); re-reading from offset {Offset}")]
    private static partial void LogDeadLetterFailed(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning,
        Message = "Kafka partition {Topic}/{Partition}: storing offset {Offset} failed ({Reason})")]
    private static partial void LogStoreFailed(ILogger logger, string topic, int partition, long offset, string reason);

    /// <summary>One event of a container whose delivery failed.</summary>
    private readonly record struct FailedEvent(KafkaBatchContainer Container, int Index)
    {
        public long Offset => Container.Offsets[Index];
    }
}
