using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Apis;

/// <summary>
/// Counts this silo's open live alert streams against <see cref="ApiOptions.MaxAlertStreams"/>: each costs a pub/sub
/// subscription and a frame buffer, so the number any client can open is bounded. Thread-safe.
/// </summary>
internal sealed class AlertStreamSlots(IOptions<ApiOptions> options)
{
    private int _open;

    public int Capacity { get; } = options.Value.MaxAlertStreams;

    public int Open => Volatile.Read(ref _open);

    /// <summary>Takes a slot if one is free; a taken slot must be given back with <see cref="Release"/>.</summary>
    public bool TryTake()
    {
        while (true)
        {
            var open = Volatile.Read(ref _open);
            if (open >= Capacity)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _open, open + 1, open) == open)
            {
                return true;
            }
        }
    }

    public void Release() => Interlocked.Decrement(ref _open);
}
