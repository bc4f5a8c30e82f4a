using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Alerts;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// The grains' side of the outputs: serialises each output on the calling grain's thread and queues it for
/// <see cref="OutputWriter"/>. The queue is bounded: past <see cref="OutputOptions.QueueCapacity"/> the grain that
/// queued waits until the writer has caught up, which slows the stream's delivery and so its fetching, rather than
/// dropping anything. Each waiting grain has one item queued beyond the capacity, so the bound is the capacity plus
/// the grains being served at that moment.
/// </summary>
/// <remarks>
/// A concurrent queue behind an interlocked count rather than a channel: every grain thread writes here once per event,
/// and the channels' lock was contended enough to cost a tenth of the silo's CPU under load. The single reader is woken
/// only when it went to sleep on an empty queue.
/// </remarks>
internal sealed class OutputQueue : IOutputSink
{
    // Long enough for a broker failover; a grain that times out keeps its state unsaved and its events replay.
    private static readonly TimeSpan AcknowledgementTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<OutputItem> _items = new();
    private readonly bool _publishScores;
    private readonly int _capacity;
    private int _queued;
    private TaskCompletionSource _room = NewRoom();
    private TaskCompletionSource _available = NewRoom();
    private int _readerSleeping;
    private volatile bool _completed;

    public OutputQueue(IOptions<OutputOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _publishScores = options.Value.PublishScores;
        _capacity = options.Value.QueueCapacity;
    }

    /// <summary>Outputs queued and not yet taken by the writer.</summary>
    public int Count => Volatile.Read(ref _queued);

    public ValueTask PublishScoreAsync(ScoreRecord score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return _publishScores
            ? EnqueueAsync(new OutputItem(TopicNames.Scores, score.EntityId, ScoreRecordJson.ToUtf8Bytes(score), null))
            : ValueTask.CompletedTask;
    }

    public ValueTask PublishChurnUpdateAsync(Alert update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return WriteAsync(TopicNames.ChurnScores, update.EntityId, update, null);
    }

    public ValueTask PublishAlertAsync(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return WriteAsync(AlertDomains.TopicOf(alert.Domain), alert.EntityId, alert, alert);
    }

    public ValueTask FlushAsync() => FlushAsync(throughAlertStore: false);

    public ValueTask FlushThroughAlertStoreAsync() => FlushAsync(throughAlertStore: true);

    /// <summary>The writer's side (one reader): waits until an output is queued; false once the queue is completed and empty.</summary>
    public async ValueTask<bool> WaitToReadAsync()
    {
        while (true)
        {
            if (!_items.IsEmpty)
            {
                return true;
            }

            if (_completed)
            {
                return !_items.IsEmpty;
            }

            // Publish the signal, then announce the sleep, then look again: an output queued in between is either
            // seen here or wakes the signal.
            var available = NewRoom();
            Volatile.Write(ref _available, available);
            Interlocked.Exchange(ref _readerSleeping, 1);
            if (!_items.IsEmpty || _completed)
            {
                Interlocked.Exchange(ref _readerSleeping, 0);
                continue;
            }

            await available.Task;
        }
    }

    /// <summary>The writer's side: takes the oldest output, letting a waiting grain go on when there is room again.</summary>
    public bool TryTake(out OutputItem item)
    {
        if (!_items.TryDequeue(out item))
        {
            return false;
        }

        if (Interlocked.Decrement(ref _queued) == _capacity)
        {
            // Count first, then the signal: a grain that saw the old signal re-checks the count before waiting.
            Interlocked.Exchange(ref _room, NewRoom()).TrySetResult();
        }

        return true;
    }

    /// <summary>No more outputs will come (the silo is stopping); the writer drains what is queued.</summary>
    public void Complete()
    {
        _completed = true;
        WakeReader();
    }

    private async ValueTask FlushAsync(bool throughAlertStore)
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await EnqueueAsync(new OutputItem(string.Empty, string.Empty, [], null, barrier, throughAlertStore));
        try
        {
            await barrier.Task.WaitAsync(AcknowledgementTimeout);
        }
        catch (TimeoutException ex)
        {
            // A store that does not take them fails the barrier sooner (OutputWriter.AlertStoreWait): this is Kafka's delay.
            throw new KafkaOutputException($"Kafka did not acknowledge the outputs queued before this point within {AcknowledgementTimeout}.", ex);
        }
    }

    private ValueTask WriteAsync<T>(string topic, string key, T value, Alert? alert) =>
        EnqueueAsync(new OutputItem(topic, key, JsonSerializer.SerializeToUtf8Bytes(value, EventJson.Options), alert));

    private ValueTask EnqueueAsync(OutputItem item)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The output queue is closed: the silo is stopping.");
        }

        var queued = Interlocked.Increment(ref _queued);
        _items.Enqueue(item);
        if (Volatile.Read(ref _readerSleeping) == 1)
        {
            WakeReader();
        }

        return queued <= _capacity ? ValueTask.CompletedTask : WaitForRoomAsync();
    }

    private void WakeReader()
    {
        if (Interlocked.Exchange(ref _readerSleeping, 0) == 1)
        {
            Volatile.Read(ref _available).TrySetResult();
        }
    }

    private async ValueTask WaitForRoomAsync()
    {
        while (true)
        {
            var room = Volatile.Read(ref _room);
            if (Volatile.Read(ref _queued) <= _capacity)
            {
                return;
            }

            await room.Task;
        }
    }

    private static TaskCompletionSource NewRoom() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
