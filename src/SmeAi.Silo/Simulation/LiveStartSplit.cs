using SmeAi.Simulator;

namespace SmeAi.Silo.Simulation;

/// <summary>
/// One pass over an event-time ordered simulation, split at the live start: the history before it, then the live part.
/// Enumerating the simulation again for the live part would simulate the whole history a second time.
/// </summary>
internal sealed class LiveStartSplit(IEnumerator<SimulatedEvent> events, DateTimeOffset liveStart)
{
    // The first live event, read while looking for the end of the history.
    private SimulatedEvent? _firstLive;

    /// <summary>The events before the live start; enumerate once, before <see cref="Live"/>.</summary>
    public IEnumerable<SimulatedEvent> History()
    {
        while (events.MoveNext())
        {
            if (events.Current.Event.Ts >= liveStart)
            {
                _firstLive = events.Current;
                yield break;
            }

            yield return events.Current;
        }
    }

    /// <summary>The events from the live start on; any history not read through <see cref="History"/> is skipped.</summary>
    public IEnumerable<SimulatedEvent> Live()
    {
        if (_firstLive is { } first)
        {
            _firstLive = null;
            yield return first;
        }

        while (events.MoveNext())
        {
            if (events.Current.Event.Ts >= liveStart)
            {
                yield return events.Current;
            }
        }
    }
}
