using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SmeAi.Grains.Training;

/// <summary>
/// Runs training work on dedicated threads, never on the Orleans scheduler, at most
/// <see cref="TrainerOptions.MaxConcurrentTrainings"/> at once per silo, so scoring keeps its cores. When the silo stops,
/// the running trainings are cancelled and waited for: a process that exits while a thread is still inside the native
/// training library can crash in its teardown (exit code 139 on one stop in three before).
/// </summary>
public sealed class TrainingRunner(IOptions<TrainerOptions> options) : IDisposable
{
    /// <summary>How long a stopping silo waits for a cancelled training to reach its next cancellation check.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentTrainings, options.Value.MaxConcurrentTrainings);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>The silo is stopping: a training cancelled now was stopped with it, not failed.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    public async Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            var training = Task.Factory.StartNew(() => work(linked.Token), linked.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            _running.TryAdd(training, 0);
            try
            {
                return await training.ConfigureAwait(false);
            }
            finally
            {
                _running.TryRemove(training, out _);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Cancels the running trainings and waits until their threads are out of the training code (bounded).</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            Task.WhenAll(_running.Keys).Wait(StopGrace);
        }
        catch (AggregateException)
        {
            // Cancelled or failed: either way the thread has left the training code, which is all that is waited for here.
        }

        // The semaphore is not disposed: a training still running past the grace period releases it when it ends.
    }
}
