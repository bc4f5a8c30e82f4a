namespace SmeAi.Simulator.Factory;

/// <summary>One sensor of a machine type: its normal level, noise, daily swing and the way it moves when the machine degrades.</summary>
/// <param name="Name">Sensor name as sent in <c>sensors</c>.</param>
/// <param name="Level">Typical level.</param>
/// <param name="Noise">Standard deviation of the reading noise.</param>
/// <param name="DailyAmplitude">Amplitude of the daily (load) cycle.</param>
/// <param name="DegradationDirection">+1 if the reading rises as the machine degrades, -1 if it falls.</param>
public sealed record SensorSpec(string Name, double Level, double Noise, double DailyAmplitude, int DegradationDirection);

/// <summary>A kind of machine and its sensor set.</summary>
public sealed record MachineType(string Name, IReadOnlyList<SensorSpec> Sensors);

/// <summary>The machine types the factory simulator knows.</summary>
public static class MachineTypes
{
    public static MachineType Pump { get; } = new("pump",
    [
        new("temperature", 62.0, 0.8, 2.0, +1),
        new("vibration", 2.5, 0.12, 0.15, +1),
        new("pressure", 6.0, 0.08, 0.15, -1),
        new("flow", 40.0, 0.7, 2.5, -1),
    ]);

    public static MachineType Press { get; } = new("press",
    [
        new("temperature", 45.0, 0.6, 1.5, +1),
        new("hydraulic_pressure", 210.0, 2.5, 4.0, -1),
        new("cycle_time", 12.0, 0.2, 0.3, +1),
        new("current", 35.0, 0.8, 3.0, +1),
    ]);

    public static MachineType Cnc { get; } = new("cnc",
    [
        new("spindle_temperature", 38.0, 0.5, 1.2, +1),
        new("spindle_vibration", 1.2, 0.06, 0.08, +1),
        new("spindle_load", 55.0, 2.5, 8.0, +1),
        new("coolant_flow", 20.0, 0.4, 0.3, -1),
        new("power", 7.5, 0.3, 1.0, +1),
    ]);

    public static MachineType Compressor { get; } = new("compressor",
    [
        new("temperature", 80.0, 1.0, 3.0, +1),
        new("discharge_pressure", 8.0, 0.1, 0.2, -1),
        new("current", 60.0, 1.2, 5.0, +1),
        new("oil_level", 90.0, 0.5, 0.0, -1),
    ]);

    public static IReadOnlyList<MachineType> All { get; } = [Pump, Press, Cnc, Compressor];

    public static MachineType? Find(string name) => All.FirstOrDefault(type => type.Name == name);
}
