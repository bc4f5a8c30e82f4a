using Microsoft.Extensions.Options;

namespace SmeAi.Grains.Training;

/// <summary>
/// Runs training work on dedicated threads, never on the Orleans scheduler, at most
/// <see cref="TrainerOptions.MaxConcurrentTrainings"/> at once per silo, so scoring keeps its cores.
/// </summary>
public sealed class TrainingRunner(IOptions<TrainerOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentTrainings, options.Value.MaxConcurrentTrainings);

    public async Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Factory.StartNew(
                () => work(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
