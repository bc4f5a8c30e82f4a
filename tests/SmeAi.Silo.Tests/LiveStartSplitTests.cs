using SmeAi.Abstractions.Events;
using SmeAi.Silo.Simulation;
using SmeAi.Simulator;

namespace SmeAi.Silo.Tests;

public sealed class LiveStartSplitTests
{
    private static readonly DateTimeOffset LiveStart = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void History_and_live_part_come_from_one_pass_with_the_boundary_event_in_the_live_part()
    {
        var events = new CountingEnumerator(Events(-2, -1, 0, 1));
        var split = new LiveStartSplit(events, LiveStart);

        Assert.Equal([-2, -1], split.History().Select(HoursFromLiveStart));
        Assert.Equal([0, 1], split.Live().Select(HoursFromLiveStart));
        Assert.Equal(5, events.MoveNextCalls); // four events and the end, each read once
    }

    [Fact]
    public void Without_the_history_read_the_live_part_skips_it()
    {
        var split = new LiveStartSplit(Events(-2, -1, 0, 1).GetEnumerator(), LiveStart);

        Assert.Equal([0, 1], split.Live().Select(HoursFromLiveStart));
    }

    private static List<SimulatedEvent> Events(params int[] hoursFromLiveStart) =>
        [.. hoursFromLiveStart.Select(h => new SimulatedEvent("customer-events", "c-1", new CustomerEvent("c-1", LiveStart.AddHours(h), "login", null, null)))];

    private static int HoursFromLiveStart(SimulatedEvent simulated) => (int)(simulated.Event.Ts - LiveStart).TotalHours;

    private sealed class CountingEnumerator(List<SimulatedEvent> events) : IEnumerator<SimulatedEvent>
    {
        // Not readonly: the list enumerator is a struct that MoveNext changes.
        private List<SimulatedEvent>.Enumerator _inner = events.GetEnumerator();

        public int MoveNextCalls { get; private set; }

        public SimulatedEvent Current => _inner.Current;

        object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            MoveNextCalls++;
            return _inner.MoveNext();
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
