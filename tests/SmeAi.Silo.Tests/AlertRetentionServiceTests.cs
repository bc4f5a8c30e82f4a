using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Tests;

/// <summary>The retention sweep over the embedded mode's store: at start, then every interval, by the injected clock.</summary>
public sealed class AlertRetentionServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Alerts_older_than_the_retention_go_at_start_and_at_each_interval_while_newer_ones_stay()
    {
        var time = new FakeTimeProvider(Now);
        var store = new MemoryAlertStore(Options.Create(new OutputOptions()));
        await store.AddAsync(
            [
                MemoryAlertStoreTests.Alert("expired", Now.AddDays(-100)),
                MemoryAlertStoreTests.Alert("expires-within-the-hour", Now.AddDays(-90).AddMinutes(59)),
                MemoryAlertStoreTests.Alert("recent", Now.AddDays(-1)),
            ],
            CancellationToken.None);
        var options = new OutputOptions { AlertRetention = TimeSpan.FromDays(90), RetentionSweepInterval = TimeSpan.FromHours(1) };
        var logger = new RecordingLogger<AlertRetentionService>();
        using var service = new AlertRetentionService(store, Options.Create(options), time, logger);

        await service.StartAsync(CancellationToken.None);
        await WaitForIdsAsync(store, ["recent", "expires-within-the-hour"]);

        // The next sweep, an interval later, cuts off by the clock's new time.
        time.Advance(TimeSpan.FromHours(1));
        await WaitForIdsAsync(store, ["recent"]);

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Information && e.Message.StartsWith("Retention removed 1 alerts", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failed_sweep_is_logged_and_the_next_interval_sweeps_again()
    {
        var time = new FakeTimeProvider(Now);
        var store = new FailingOnceStore(new MemoryAlertStore(Options.Create(new OutputOptions())));
        await store.AddAsync([MemoryAlertStoreTests.Alert("expired", Now.AddDays(-100))], CancellationToken.None);
        var logger = new RecordingLogger<AlertRetentionService>();
        using var service = new AlertRetentionService(store, Options.Create(new OutputOptions()), time, logger);

        await service.StartAsync(CancellationToken.None);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Exception is TimeoutException))
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.Equal(["expired"], await IdsAsync(store));
        time.Advance(new OutputOptions().RetentionSweepInterval);
        await WaitForIdsAsync(store, []);
        Assert.False(service.ExecuteTask!.IsCompleted);
        await service.StopAsync(CancellationToken.None);
    }

    private static async Task<IReadOnlyList<string>> IdsAsync(IAlertStore store) =>
        [.. (await store.QueryAsync(null, null, null, 100, CancellationToken.None)).Select(a => a.AlertId)];

    /// <summary>The sweep runs on the thread pool: waits until the store holds exactly <paramref name="expected"/>.</summary>
    private static async Task WaitForIdsAsync(IAlertStore store, IReadOnlyList<string> expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!(await IdsAsync(store)).SequenceEqual(expected))
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>A store whose first delete fails, as one whose database is briefly gone would.</summary>
    private sealed class FailingOnceStore(IAlertStore inner) : IAlertStore
    {
        private int _deletes;

        public Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => inner.AddAsync(alerts, cancellationToken);

        public Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, string? status, int limit, CancellationToken cancellationToken) =>
            inner.QueryAsync(domain, since, status, limit, cancellationToken);

        public Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken) =>
            inner.DeleteEntityAsync(domain, entityId, cancellationToken);

        public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _deletes) == 1
                ? throw new TimeoutException("the database did not answer")
                : inner.DeleteOlderThanAsync(cutoff, cancellationToken);
    }
}
