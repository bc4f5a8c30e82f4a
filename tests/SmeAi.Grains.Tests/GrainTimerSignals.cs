using Orleans.Runtime.Diagnostics;

namespace SmeAi.Grains.Tests;

/// <summary>
/// Counts what the grain timers of one grain do, from Orleans' grain timer diagnostic events, so a test can wait for a
/// timer to have ticked or ended instead of sleeping for its interval.
/// </summary>
internal sealed class GrainTimerSignals : IObserver<GrainTimerEvents.TimerEvent>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly GrainId _grainId;
    private readonly IDisposable _subscription;
    private int _created;
    private int _ticksStarted;
    private int _disposed;

    private GrainTimerSignals(GrainId grainId)
    {
        _grainId = grainId;
        _subscription = GrainTimerEvents.AllEvents.Subscribe(this);
    }

    /// <summary>Timers the grain created.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Ticks that began running their callback.</summary>
    public int TicksStarted => Volatile.Read(ref _ticksStarted);

    /// <summary>Timers that were disposed (by the grain, or with its activation).</summary>
    public int Disposed => Volatile.Read(ref _disposed);

    public static GrainTimerSignals Watch(GrainId grainId) => new(grainId);

    /// <summary>Returns once <paramref name="count"/> of the grain's timers have been disposed; fails after a generous deadline.</summary>
    public async Task WaitForDisposedAsync(int count)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (Disposed < count)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    public void OnNext(GrainTimerEvents.TimerEvent value)
    {
        if (value.GrainContext.GrainId != _grainId)
        {
            return;
        }

        switch (value)
        {
            case GrainTimerEvents.Created:
                Interlocked.Increment(ref _created);
                break;
            case GrainTimerEvents.TickStart:
                Interlocked.Increment(ref _ticksStarted);
                break;
            case GrainTimerEvents.Disposed:
                Interlocked.Increment(ref _disposed);
                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => _subscription.Dispose();
}
