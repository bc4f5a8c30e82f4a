namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// Tells a silo that stopped scoring from one that is slow: it is stalled when events wait for their score and none
/// was scored for <see cref="Timeout"/>. A stalled silo would otherwise leave a phase waiting for room among its
/// unscored events for ever (a benchmark run whose Kafka intake stayed closed on a stale memory reading did).
/// </summary>
internal sealed class StallWatch(TimeSpan timeout, Func<TimeSpan> clock)
{
    private long _lastScored = -1;
    private TimeSpan _lastProgress;

    public TimeSpan Timeout => timeout;

    /// <summary>Notes the counts; true when events wait and the scored count has not moved for <see cref="Timeout"/>.</summary>
    public bool IsStalled(long produced, long scored)
    {
        var now = clock();
        if (scored != _lastScored || produced <= scored)
        {
            _lastScored = scored;
            _lastProgress = now;
            return false;
        }

        return now - _lastProgress >= timeout;
    }
}
