namespace SmeAi.Simulator;

/// <summary>A deterministic source of simulated events for one domain.</summary>
public interface IEventSimulator
{
    /// <summary>
    /// The events of the whole run, in event-time order. Each enumeration starts over and yields the same
    /// sequence: generation depends only on the options, never on the wall clock.
    /// </summary>
    IEnumerable<SimulatedEvent> Events();
}
