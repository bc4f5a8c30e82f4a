namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Holds delivered offsets back for <see cref="Configuration.KafkaStreamOptions.CheckpointDelay"/> before they may be
/// committed. Consumers that persist their state write-behind (every few seconds) would otherwise see a hard crash
/// lose events whose offsets were already committed; with the delay, a crash replays them and the consumers dedupe.
/// </summary>
internal sealed class DelayedCheckpoints(TimeSpan delay)
{
    private readonly Queue<(long Offset, long At)> _pending = new();
    private readonly long _delayMs = (long)delay.TotalMilliseconds;
    private long _ready = -1;
    private long _lastOffered = -1;

    /// <summary>
    /// Offers the offset every delivered event lies below, observed at <paramref name="nowMs"/>; returns the highest
    /// offered offset that is old enough (all of it when <paramref name="immediate"/>), or -1 when none is.
    /// </summary>
    public long Ready(long offset, long nowMs, bool immediate)
    {
        if (offset > _lastOffered)
        {
            _lastOffered = offset;
            _pending.Enqueue((offset, nowMs));
        }

        while (_pending.Count > 0 && (immediate || _delayMs <= 0 || nowMs - _pending.Peek().At >= _delayMs))
        {
            _ready = _pending.Dequeue().Offset;
        }

        return _ready;
    }
}
