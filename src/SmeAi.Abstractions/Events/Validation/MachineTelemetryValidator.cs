namespace SmeAi.Abstractions.Events.Validation;

/// <summary>
/// <c>machine-telemetry</c>: machineId, ts, kind (telemetry, failure or maintenance) and sensors; a telemetry event
/// carries at least one sensor, failure and maintenance events may carry none.
/// </summary>
public sealed class MachineTelemetryValidator : IEventValidator<MachineTelemetry>
{
    /// <summary>The values <c>kind</c> may take.</summary>
    public static IReadOnlySet<string> Kinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MachineTelemetry.KindTelemetry, MachineTelemetry.KindFailure, MachineTelemetry.KindMaintenance,
    };

    public static MachineTelemetryValidator Instance { get; } = new();

    public string? Validate(MachineTelemetry value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ValidationRules.Id(value.MachineId, "machineId")
            ?? ValidationRules.Timestamp(value.Ts, "ts")
            ?? ValidationRules.OneOf(value.Kind, "kind", Kinds)
            ?? ValidationRules.Numbers(value.Sensors, "sensors", required: true)
            ?? (value.Kind == MachineTelemetry.KindTelemetry && value.Sensors.Count == 0
                ? "sensors is missing or empty; a telemetry event needs at least one sensor"
                : null);
    }
}
