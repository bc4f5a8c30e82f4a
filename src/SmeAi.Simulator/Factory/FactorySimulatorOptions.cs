namespace SmeAi.Simulator.Factory;

/// <summary>Settings of <see cref="FactorySimulator"/>. Bound from <c>Simulator:Factory</c>.</summary>
public sealed class FactorySimulatorOptions
{
    /// <summary>Whether a combined simulation includes the factory. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seed; the same seed and options give the same events. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Event time of the simulation's start. Default 2026-01-05T00:00:00Z.</summary>
    public DateTimeOffset Start { get; set; } = SimulationDefaults.Start;

    /// <summary>Simulated span; no event at or after <c>Start + Duration</c>. Default 7 days.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Number of machines, named <c>IdPrefix</c> + 1, 2, .... Default 20.</summary>
    public int MachineCount { get; set; } = 20;

    /// <summary>Machine types to use, assigned in turn (see <see cref="Factory.MachineTypes"/>); empty means all. Default empty.</summary>
    public IList<string> MachineTypes { get; } = [];

    /// <summary>Time between two telemetry readings of a machine. Default 1 minute.</summary>
    public TimeSpan TelemetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Expected degradation episodes (each ending in a failure) per machine per healthy day. Default 0.1.</summary>
    public double DegradationsPerMachineDay { get; set; } = 0.1;

    /// <summary>Shortest degradation episode, from first deviation to failure, at most 3650 days. Default 4 hours.</summary>
    public TimeSpan MinDegradation { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Longest degradation episode, at most 3650 days. Default 12 hours.</summary>
    public TimeSpan MaxDegradation { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A machine runs normally at least this long after the start and after each repair; at most 3650 days. Default 12 hours.</summary>
    public TimeSpan MinHealthyPeriod { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Shortest repair after a failure (no telemetry meanwhile), at most 3650 days. Default 1 hour.</summary>
    public TimeSpan MinRepairTime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest repair after a failure, at most 3650 days. Default 4 hours.</summary>
    public TimeSpan MaxRepairTime { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Mean time between routine maintenances of a machine (±20%), from 1 hour to 3650 days; zero disables them. Default 5 days.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Downtime of a routine maintenance. Default 1 hour.</summary>
    public TimeSpan MaintenanceDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Prefix of machine ids. Default <c>m-</c>.</summary>
    public string IdPrefix { get; set; } = "m-";

    /// <summary>The machine types in use.</summary>
    internal IReadOnlyList<MachineType> ResolveMachineTypes() =>
        MachineTypes.Count == 0 ? Factory.MachineTypes.All : [.. MachineTypes.Select(name => Factory.MachineTypes.Find(name)!)];
}
