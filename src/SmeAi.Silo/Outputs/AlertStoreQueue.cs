using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// Hands raises and clears to the <see cref="IAlertStore"/> on a loop of its own, so a slow or unavailable database
/// never holds up the Kafka outputs, nor the grains' state writes waiting for them. Changes go to the store in the order
/// they came, a batch at a time (the store applies a batch in order), so a clear never reaches it before its raise.
/// </summary>
/// <remarks>
/// A failed batch is retried, waiting 1 s doubling to 30 s, until it has failed for <see cref="GiveUpAfter"/>; later
/// changes wait meanwhile, at most <see cref="OutputOptions.AlertStoreQueueCapacity"/> of them, the oldest dropped beyond
/// that. What is dropped or given up on is counted in <c>smeai.alerts.store.dropped</c> and logged; the alerts stay on
/// their Kafka topics either way. A dropped raise leaves its clear nothing to mark; a dropped clear leaves its raise open
/// until retention.
/// </remarks>
internal sealed partial class AlertStoreQueue : IDisposable
{
    /// <summary>How long one batch is retried before it is given up: a database restart fits, a lasting outage does not.</summary>
    internal static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    /// <summary>How long the last attempt at stop may take, within the host's shutdown timeout.</summary>
    internal static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private const int MaxBatch = 512;

    /// <summary>How long stopping waits for an aborted attempt to end.</summary>
    private static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly IAlertStore _store;
    private readonly int _capacity;
    private readonly OutputMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Queue<(long Sequence, Alert Change)> _pending = new();
    private readonly Queue<(long Sequence, TaskCompletionSource Handled)> _waiters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private TaskCompletionSource? _wake;
    private Task _loop = Task.CompletedTask;
    private long _added;
    private long _inHandFirst;
    private volatile bool _overflowLogged;

    public AlertStoreQueue(IAlertStore store, int capacity, OutputMetrics metrics, TimeProvider time, ILogger logger)
    {
        _store = store;
        _capacity = capacity;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Queues raises and clears for the store without waiting; past the capacity the oldest waiting ones are dropped.</summary>
    public void Add(IEnumerable<Alert> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var dropped = 0;
        TaskCompletionSource? wake;
        lock (_lock)
        {
            foreach (var change in changes)
            {
                _pending.Enqueue((++_added, change));
                if (_pending.Count > _capacity)
                {
                    _pending.Dequeue();
                    dropped++;
                }
            }

            wake = _wake;
            _wake = null;
            if (dropped > 0)
            {
                // The loop's view of what is handled moves past the dropped ones.
                ReleaseWaitersLocked();
            }
        }

        wake?.TrySetResult();
        if (dropped > 0)
        {
            _metrics.StoreDropped(dropped, OutputMetrics.StoreQueueFull);
            if (!_overflowLogged)
            {
                // Once per outage: under a steady stream every alert would be logged again.
                _overflowLogged = true;
                LogStoreQueueFull(_logger, _capacity);
            }
        }
    }

    /// <summary>Completes once every change queued before the call is stored, dropped or given up on; never fails.</summary>
    public Task HandledAsync()
    {
        lock (_lock)
        {
            if (_added < FirstUnhandledLocked())
            {
                return Task.CompletedTask;
            }

            var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((_added, handled));
            return handled.Task;
        }
    }

    /// <summary>
    /// Takes no more waiting: the queued changes are attempted once more, batch by batch (a retry's wait is cut short),
    /// until a batch fails or <see cref="StopTimeout"/> or <paramref name="cancellationToken"/> ends it; what is left then
    /// is dropped and counted.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(StopTimeout);
        await _stopping.CancelAsync();
        lock (_lock)
        {
            _wake?.TrySetResult();
            _wake = null;
        }

        try
        {
            await _loop.WaitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            // The attempt in progress is cancelled, and the loop drops the rest and ends, without holding up the host for
            // long; a store that ignores its token is left to finish on its own.
            await _abort.CancelAsync();
            await Task.WhenAny(_loop, Task.Delay(AbortWait, CancellationToken.None));
        }
    }

    /// <summary>
    /// Cancels the loop's waits. The two token sources are not disposed: they have no timer to release, and a loop whose
    /// store ignored the abort may still read them.
    /// </summary>
    public void Dispose()
    {
        _abort.Cancel();
        _stopping.Cancel();
    }

    private async Task RunAsync()
    {
        var batch = new List<Alert>(MaxBatch);
        while (true)
        {
            Task? wake = null;
            lock (_lock)
            {
                batch.Clear();
                if (_pending.Count == 0)
                {
                    if (_stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wake = _wake.Task;
                }
                else
                {
                    _inHandFirst = _pending.Peek().Sequence;
                    while (batch.Count < MaxBatch && _pending.TryDequeue(out var next))
                    {
                        batch.Add(next.Change);
                    }
                }
            }

            if (wake is not null)
            {
                await wake;
                continue;
            }

            var stored = await StoreAsync(batch);
            lock (_lock)
            {
                _inHandFirst = 0;
                if (!stored && _stopping.IsCancellationRequested)
                {
                    // The store failed its last chance: the rest would only wait for the same failure.
                    batch.Clear();
                    batch.AddRange(_pending.Select(p => p.Change));
                    _pending.Clear();
                }
                else
                {
                    batch.Clear();
                }

                ReleaseWaitersLocked();
            }

            if (batch.Count > 0)
            {
                _metrics.StoreDropped(batch.Count, OutputMetrics.StoreFailed);
                LogStoreDroppedAtStop(_logger, batch.Count);
            }
        }
    }

    /// <summary>Stores <paramref name="batch"/>, retrying until <see cref="GiveUpAfter"/> (one attempt once stopping); false when given up.</summary>
    private async Task<bool> StoreAsync(List<Alert> batch)
    {
        var firstFailure = 0L;
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            // An attempt begun once stopping is the last; one begun before gets a retry at once (the wait is cut short).
            var lastChance = _stopping.IsCancellationRequested;
            try
            {
                await _store.AddAsync(batch, _abort.Token);
                if (attempt > 1)
                {
                    LogStoreRecovered(_logger, attempt);
                }

                _overflowLogged = false;
                return true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                firstFailure = attempt == 1 ? _time.GetTimestamp() : firstFailure;
                if (lastChance || _time.GetElapsedTime(firstFailure) >= GiveUpAfter)
                {
                    _metrics.StoreDropped(batch.Count, OutputMetrics.StoreFailed);
                    LogStoreFailed(_logger, ex, batch.Count, attempt);
                    return false;
                }

                LogStoreRetry(_logger, ex, attempt, delay);
            }

            try
            {
                await Task.Delay(delay, _time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the next attempt is the last, and it is made now.
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    /// <summary>The sequence of the oldest change not yet stored, dropped or given up on (one past the newest when none).</summary>
    private long FirstUnhandledLocked() =>
        _inHandFirst > 0 ? _inHandFirst : _pending.TryPeek(out var oldest) ? oldest.Sequence : _added + 1;

    private void ReleaseWaitersLocked()
    {
        var firstUnhandled = FirstUnhandledLocked();
        while (_waiters.TryPeek(out var waiter) && waiter.Sequence < firstUnhandled)
        {
            _waiters.Dequeue();
            waiter.Handled.TrySetResult();
        }
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Storing alerts failed (attempt {Attempt}); retrying in {Delay} while the Kafka outputs go on")]
    private static partial void LogStoreRetry(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Storing {Count} alert changes failed (attempt {Attempt}); they are dropped from the store and remain on the output topics")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "The alert store queue is full ({Capacity} changes): the oldest are dropped from the store (smeai.alerts.store.dropped) and remain on the output topics")]
    private static partial void LogStoreQueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Storing alerts works again (attempt {Attempt})")]
    private static partial void LogStoreRecovered(ILogger logger, int attempt);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "Stopping with {Count} alert changes the store did not take; they remain on the output topics")]
    private static partial void LogStoreDroppedAtStop(ILogger logger, int count);
}
