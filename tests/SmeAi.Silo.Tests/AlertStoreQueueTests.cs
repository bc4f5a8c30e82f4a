using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Tests;

/// <summary>The alert store's own queue: order kept, bounded while the store fails, and a last attempt at stop.</summary>
public sealed class AlertStoreQueueTests : IAsyncLifetime
{
    private const string Dropped = "smeai.alerts.store.dropped";
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ControllableAlertStore _store = new();
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLogger<OutputWriter> _logger = new();
    private readonly OutputMeterListener _listener;
    private readonly AlertStoreQueue _queue;

    public AlertStoreQueueTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener = new OutputMeterListener(meters);
        _queue = new AlertStoreQueue(_store, capacity: 100, new OutputMetrics(meters), _time, _logger);
    }

    public Task InitializeAsync()
    {
        _queue.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _store.FailWith = null;
        _store.Open();
        await _queue.StopAsync(CancellationToken.None);
        _queue.Dispose();
        _listener.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Past_the_capacity_the_oldest_waiting_changes_are_dropped_counted_and_logged_once_and_the_rest_stored_in_order()
    {
        _queue.Add([Raise(0)]);
        await _store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The store holds the first batch; 150 more wait behind it, 50 more than the queue keeps.
        _queue.Add(Enumerable.Range(1, 75).Select(Raise));
        _queue.Add(Enumerable.Range(76, 75).Select(Raise));
        _store.Open();
        await _queue.HandledAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a-0", .. Enumerable.Range(51, 100).Select(i => $"a-{i}")], _store.Stored.Select(a => a.AlertId));
        Assert.Equal(50, _listener.Total(Dropped, "reason", OutputMetrics.StoreQueueFull));
        Assert.Single(_logger.Entries, e => e.Message.Contains("alert store queue is full", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_the_store_keeps_failing_is_given_up_after_the_limit_and_later_changes_are_stored()
    {
        _store.FailWith = new InvalidOperationException("test: the database is down");
        _store.Open();
        var handled = WaitHandledAfter([Raise(1), Clear(1)]);
        await _store.Failed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Retries 1 s doubling to 30 s; the fake clock moves on until the batch has failed for the limit.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!handled.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the failing batch was never given up");
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        Assert.True(_store.Failures > 2, $"given up after {_store.Failures} attempts");
        Assert.Equal(2, _listener.Total(Dropped, "reason", OutputMetrics.StoreFailed));

        _store.FailWith = null;
        await WaitHandledAfter([Raise(2)]).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("a-2", Assert.Single(_store.Stored).AlertId);
    }

    [Fact]
    public async Task At_stop_what_is_queued_gets_one_more_attempt_at_once_without_waiting_for_the_retry()
    {
        _store.FailWith = new InvalidOperationException("test: the database is restarting");
        _store.Open();
        _queue.Add([Raise(1)]);
        await _store.Failed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _queue.Add([Clear(1)]);

        // The database is back; the fake clock never reaches the retry, so only the stop's attempt can store them.
        _store.FailWith = null;
        await _queue.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([("a-1", Alert.StatusOpen), ("a-1", Alert.StatusCleared)], _store.Stored.Select(a => (a.AlertId, a.Status)));
        Assert.Equal(0, _listener.Total(Dropped, "reason", OutputMetrics.StoreFailed));
    }

    [Fact]
    public async Task At_stop_a_store_still_failing_has_what_is_queued_dropped_and_counted_and_the_stop_does_not_wait_for_retries()
    {
        _store.FailWith = new InvalidOperationException("test: the database is down");
        _store.Open();
        _queue.Add([Raise(1), Raise(2)]);
        await _store.Failed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var handled = WaitHandledAfter([Raise(3)]);

        await _queue.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        await handled.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(_store.Stored);
        Assert.Equal(3, _listener.Total(Dropped, "reason", OutputMetrics.StoreFailed));
    }

    private Task WaitHandledAfter(Alert[] changes)
    {
        _queue.Add(changes);
        return _queue.HandledAsync();
    }

    private static Alert Raise(int id) =>
        new($"a-{id}", AlertDomains.Equipment, "m-1", DateTimeOffset.UnixEpoch.AddMinutes(id), 0.99, "high", Alert.StatusOpen, "model", 1, [], ["rule"], null);

    private static Alert Clear(int id) => Raise(id) with { Ts = Raise(id).Ts.AddSeconds(30), Score = 0.2, Status = Alert.StatusCleared };
}
