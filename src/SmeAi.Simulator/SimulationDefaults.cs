namespace SmeAi.Simulator;

/// <summary>Defaults shared by the simulators.</summary>
public static class SimulationDefaults
{
    /// <summary>Default simulated start: Monday 2026-01-05T00:00:00Z.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
}
