namespace SmeAi.Simulator.Security;

/// <summary>Settings of <see cref="SecuritySimulator"/>. Bound from <c>Simulator:Security</c>.</summary>
public sealed class SecuritySimulatorOptions
{
    /// <summary>Whether a combined simulation includes IT security. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seed; the same seed and options give the same events. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Event time of the simulation's start. Default 2026-01-05T00:00:00Z.</summary>
    public DateTimeOffset Start { get; set; } = SimulationDefaults.Start;

    /// <summary>Simulated span. Default 7 days.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Number of users, named <c>IdPrefix</c> + 1, 2, .... Default 100.</summary>
    public int SubjectCount { get; set; } = 100;

    /// <summary>Expected attacks per day over the whole population (a credential stuffing campaign counts once). Default 2.</summary>
    public double AttacksPerDay { get; set; } = 2;

    /// <summary>Attack scenarios to draw from, equally likely; empty means all. Default empty.</summary>
    public IList<AttackType> AttackTypes { get; } = [];

    /// <summary>No attack before <c>Start + WarmUp</c>, so per-subject baselines can form; at most 3650 days. Default 1 day.</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Prefix of subject ids. Default <c>u-</c>.</summary>
    public string IdPrefix { get; set; } = "u-";
}
