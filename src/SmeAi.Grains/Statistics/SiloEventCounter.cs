namespace SmeAi.Grains.Statistics;

/// <summary>
/// Events applied by grains on this silo (duplicates excluded). A per-silo singleton so the hot path
/// is one interlocked add, never a grain call.
/// </summary>
public sealed class SiloEventCounter
{
    private long _eventsProcessed;

    public long EventsProcessed => Interlocked.Read(ref _eventsProcessed);

    public void Add(long count) => Interlocked.Add(ref _eventsProcessed, count);
}
