namespace SmeAi.Grains.Statistics;

/// <summary>
/// Events applied by grains on this silo (duplicates excluded), and the redelivered ones they recognised and dropped.
/// A per-silo singleton so the hot path is one interlocked add, never a grain call.
/// </summary>
public sealed class SiloEventCounter
{
    private long _eventsProcessed;
    private long _redelivered;

    public long EventsProcessed => Interlocked.Read(ref _eventsProcessed);

    /// <summary>
    /// Events dropped because their grain had applied their offset already: a batch retried after a failure, or the
    /// provider's recent events a grain asks for again when it activates (after a failover, they hold what the dead
    /// silo applied but had not written). Many more than activations explain means offsets went back (a topic deleted
    /// and recreated), whose new events are dropped until their offsets pass the old ones.
    /// </summary>
    public long Redelivered => Interlocked.Read(ref _redelivered);

    public void Add(long count) => Interlocked.Add(ref _eventsProcessed, count);

    public void AddRedelivered(long count) => Interlocked.Add(ref _redelivered, count);
}
