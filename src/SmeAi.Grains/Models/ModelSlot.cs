using SmeAi.ML.Inference;

namespace SmeAi.Grains.Models;

/// <summary>
/// One model's entry in the <see cref="ModelCache"/>: the scorer in use, the queue that serialises its reloads, and
/// how many renewal passes went by since somebody asked for it while it had no scorer.
/// </summary>
internal sealed class ModelSlot(string name)
{
    private IScorer? _scorer;
    private Task _reloads = Task.CompletedTask;
    private int _tracking;
    private int _passesUnasked;

    public string Name { get; } = name;

    public IScorer? Scorer => Volatile.Read(ref _scorer);

    /// <summary>True exactly once: the caller starts the first load.</summary>
    public bool TryStartTracking() => Interlocked.Exchange(ref _tracking, 1) == 0;

    public void Swap(IScorer scorer) => Interlocked.Exchange(ref _scorer, scorer);

    /// <summary>
    /// Runs <paramref name="reload"/> once the reloads queued before it are done, so one model's reloads never overlap.
    /// A chain of tasks rather than a semaphore: a dropped slot leaves nothing to dispose.
    /// </summary>
    public async Task QueueReloadAsync(Func<Task> reload)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = Interlocked.Exchange(ref _reloads, done.Task);
        try
        {
            await previous;
            await reload();
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>Somebody asked for this model; read first, so the hot path does not write a shared line on every event.</summary>
    public void MarkAsked()
    {
        if (Volatile.Read(ref _passesUnasked) != 0)
        {
            Volatile.Write(ref _passesUnasked, 0);
        }
    }

    /// <summary>Counts one renewal pass; returns how many went by since the last ask.</summary>
    public int CountUnaskedPass() => Interlocked.Increment(ref _passesUnasked);
}
