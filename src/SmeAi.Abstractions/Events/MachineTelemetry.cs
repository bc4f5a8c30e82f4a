using System.Text.Json.Serialization;

namespace SmeAi.Abstractions.Events;

/// <summary>
/// One value of <c>machine-telemetry</c>: <c>{"machineId":"m-17","ts":"...","kind":"telemetry","sensors":{"temperature":71.2}}</c>.
/// Sensor names are free; values are numbers.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MachineTelemetry(
    [property: Id(0), JsonPropertyName("machineId")] string MachineId,
    [property: Id(1), JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: Id(2), JsonPropertyName("kind")] string Kind,
    [property: Id(3), JsonPropertyName("sensors")] IReadOnlyDictionary<string, double> Sensors) : IEntityEvent
{
    public const string KindTelemetry = "telemetry";
    public const string KindFailure = "failure";
    public const string KindMaintenance = "maintenance";

    [JsonIgnore]
    public string EntityId => MachineId;
}
