using SmeAi.Abstractions.Outputs;

namespace SmeAi.Silo.Tests;

/// <summary>
/// An alert store whose writes wait until the test opens it, as a slow database would, and fail while
/// <see cref="FailWith"/> is set, as one that is down would.
/// </summary>
internal sealed class ControllableAlertStore : IAlertStore
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Alert> _stored = [];
    private int _failures;

    /// <summary>Set at the first write attempt.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set at the first failed write.</summary>
    public TaskCompletionSource Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Exception? FailWith { get; set; }

    public int Failures => Volatile.Read(ref _failures);

    public IReadOnlyList<Alert> Stored
    {
        get
        {
            lock (_stored)
            {
                return [.. _stored];
            }
        }
    }

    public void Open() => _open.TrySetResult();

    public async Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        if (FailWith is { } failure)
        {
            Interlocked.Increment(ref _failures);
            Failed.TrySetResult();
            throw failure;
        }

        lock (_stored)
        {
            _stored.AddRange(alerts);
        }
    }

    public Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, string? status, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(Stored);

    public Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);
}
