using SmeAi.Simulator.Customers;
using SmeAi.Simulator.Factory;
using SmeAi.Simulator.Security;

namespace SmeAi.Simulator;

/// <summary>
/// Settings of a combined simulation (<see cref="SimulatedEventStream.Create(SimulatorOptions)"/>). Bound from the
/// <c>Simulator</c> section; each domain has its own subsection and <c>Enabled</c> flag.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    public FactorySimulatorOptions Factory { get; set; } = new();

    public CustomerSimulatorOptions Customers { get; set; } = new();

    public SecuritySimulatorOptions Security { get; set; } = new();

    /// <summary>Sets the seed, start and duration of every domain at once, where given (e.g. from command-line flags).</summary>
    public SimulatorOptions ApplyToAll(long? seed = null, DateTimeOffset? start = null, TimeSpan? duration = null)
    {
        if (seed is { } s)
        {
            Factory.Seed = Customers.Seed = Security.Seed = s;
        }

        if (start is { } t)
        {
            Factory.Start = Customers.Start = Security.Start = t;
        }

        if (duration is { } d)
        {
            Factory.Duration = Customers.Duration = Security.Duration = d;
        }

        return this;
    }
}
