namespace SmeAi.Simulator.Factory;

/// <summary>A degradation episode: deviations on <see cref="Sensors"/> grow from <see cref="Start"/> until the machine fails at <see cref="FailureTime"/>.</summary>
/// <param name="Id">Unique in the run, e.g. <c>m-3/failure-1</c>; the <see cref="SimulatedEvent.TruthId"/> of the episode's events.</param>
/// <param name="MachineId">The machine.</param>
/// <param name="Start">First instant of the deviation.</param>
/// <param name="FailureTime">Time of the <c>failure</c> event.</param>
/// <param name="RepairedAt">Time of the repair's <c>maintenance</c> event; no telemetry in between.</param>
/// <param name="Sensors">The sensors that deviate (1 to 3).</param>
public sealed record DegradationEpisode(
    string Id, string MachineId, DateTimeOffset Start, DateTimeOffset FailureTime, DateTimeOffset RepairedAt, IReadOnlyList<string> Sensors);

/// <summary>Why a machine had maintenance.</summary>
public enum MaintenanceReason
{
    /// <summary>Scheduled service: the machine stops for a while, and its drift is reset.</summary>
    Routine,

    /// <summary>Repair after a failure.</summary>
    Repair,
}

/// <summary>A maintenance: the machine sends no telemetry from <see cref="DowntimeStart"/> to <see cref="Time"/>, the time of the <c>maintenance</c> event.</summary>
public sealed record MaintenanceRecord(string MachineId, DateTimeOffset DowntimeStart, DateTimeOffset Time, MaintenanceReason Reason);

/// <summary>What the factory simulator planned for one machine.</summary>
public sealed record MachineTruth(
    string MachineId,
    string MachineType,
    IReadOnlyList<string> Sensors,
    IReadOnlyList<DegradationEpisode> Episodes,
    IReadOnlyList<MaintenanceRecord> Maintenances);
