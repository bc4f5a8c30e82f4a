using System.Diagnostics;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// The interval the maximum rate is taken over (Stopwatch timestamps). While the backlog drains after the producer
/// finished, the producer's CPU does not count against the silo: from then to the last score, over the events not yet
/// scored by then. When less than a quarter was left by then (too few to time), or the producer was not seen done
/// before the last score: from the first new score to the last, over all the events; and from the start of production
/// when no score was seen before the last (a busy harness looked only after every event was scored), so the window is
/// never empty: an empty one measured 0 events/s, and every phase then loaded the silo at 1 event/s.
/// </summary>
internal readonly record struct MaxRateWindow(long From, long To, long Events, bool WhileDraining)
{
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(From, To);

    /// <param name="events">Events produced as fast as possible.</param>
    /// <param name="started">When producing them began.</param>
    /// <param name="firstScore">When the first of them was seen scored; 0 if none was seen before the last.</param>
    /// <param name="producerDone">When the producer was seen done; 0 if not before the last score.</param>
    /// <param name="scoredByProducerDone">Events scored by then.</param>
    /// <param name="lastScore">When the last was scored (or the wait gave up).</param>
    public static MaxRateWindow Choose(long events, long started, long firstScore, long producerDone, long scoredByProducerDone, long lastScore)
    {
        var left = events - scoredByProducerDone;
        return producerDone != 0 && left >= events / 4
            ? new MaxRateWindow(producerDone, lastScore, left, WhileDraining: true)
            : new MaxRateWindow(firstScore == 0 ? started : firstScore, lastScore, events, WhileDraining: false);
    }
}
