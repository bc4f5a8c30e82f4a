namespace SmeAi.Simulator.Internal;

/// <summary>Merges event sources that are each in event-time order into one stream in event-time order.</summary>
internal static class EventMerge
{
    /// <summary>
    /// Lazy k-way merge. Events with the same time come out in source order, so the result is fixed by the
    /// sources alone.
    /// </summary>
    public static IEnumerable<SimulatedEvent> Merge(IReadOnlyList<IEnumerable<SimulatedEvent>> sources)
    {
        var enumerators = new List<IEnumerator<SimulatedEvent>>(sources.Count);
        try
        {
            var queue = new PriorityQueue<int, (long Ticks, int Source)>(sources.Count);
            for (var i = 0; i < sources.Count; i++)
            {
                var enumerator = sources[i].GetEnumerator();
                enumerators.Add(enumerator);
                if (enumerator.MoveNext())
                {
                    queue.Enqueue(i, (enumerator.Current.Event.Ts.UtcTicks, i));
                }
            }

            while (queue.TryDequeue(out var source, out _))
            {
                var enumerator = enumerators[source];
                yield return enumerator.Current;
                if (enumerator.MoveNext())
                {
                    queue.Enqueue(source, (enumerator.Current.Event.Ts.UtcTicks, source));
                }
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                enumerator.Dispose();
            }
        }
    }
}
