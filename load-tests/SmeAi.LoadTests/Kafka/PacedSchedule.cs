namespace SmeAi.LoadTests.Kafka;

/// <summary>
/// When each event of a paced load is due: the rate integrated over the time since the load began. A paced producer
/// stamps each event with the time it was due, not the time its loop got round to sending it, so a producer that
/// falls behind (a busy machine, a full queue, a late wake-up) shows its delay in the latency instead of hiding it
/// (coordinated omission).
/// </summary>
/// <param name="rate">Events/s for a time since the start; taken at the end of each step.</param>
internal sealed class PacedSchedule(Func<TimeSpan, double> rate)
{
    private TimeSpan _stepStart;
    private TimeSpan _stepEnd;
    private double _dueAtStepStart;
    private double _stepRate;
    private double _due;
    private long _taken;

    /// <summary>Events handed out so far.</summary>
    public long Taken => _taken;

    /// <summary>Moves the schedule on to <paramref name="elapsed"/> (since the start), at the rate for that time.</summary>
    public void AdvanceTo(TimeSpan elapsed)
    {
        if (elapsed <= _stepEnd)
        {
            return;
        }

        (_stepStart, _dueAtStepStart, _stepRate) = (_stepEnd, _due, Math.Max(0, rate(elapsed)));
        _due += _stepRate * (elapsed - _stepEnd).TotalSeconds;
        _stepEnd = elapsed;
    }

    /// <summary>The next event due by now and the time since the start it was due at; false when none is due.</summary>
    public bool TryTake(out TimeSpan dueAt)
    {
        if (_taken >= (long)_due)
        {
            dueAt = default;
            return false;
        }

        var count = ++_taken;
        var at = _stepRate > 0 && count > _dueAtStepStart ? _stepStart + TimeSpan.FromSeconds((count - _dueAtStepStart) / _stepRate) : _stepStart;
        dueAt = at < _stepEnd ? at : _stepEnd;
        return true;
    }
}
