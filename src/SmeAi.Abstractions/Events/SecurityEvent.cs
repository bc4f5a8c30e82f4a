using System.Text.Json.Serialization;

namespace SmeAi.Abstractions.Events;

/// <summary>
/// One value of <c>security-events</c>: <c>{"subjectId":"alice","ts":"...","type":"auth_failure","ip":"203.0.113.9","country":"DE","device":"laptop-3","bytes":1200,"resource":"crm","features":{"duration":0}}</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SecurityEvent(
    [property: Id(0), JsonPropertyName("subjectId")] string SubjectId,
    [property: Id(1), JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: Id(2), JsonPropertyName("type")] string Type,
    [property: Id(3), JsonPropertyName("ip")] string? Ip,
    [property: Id(4), JsonPropertyName("country")] string? Country,
    [property: Id(5), JsonPropertyName("device")] string? Device,
    [property: Id(6), JsonPropertyName("bytes")] long? Bytes,
    [property: Id(7), JsonPropertyName("resource")] string? Resource,
    [property: Id(8), JsonPropertyName("features")] IReadOnlyDictionary<string, double>? Features) : IEntityEvent
{
    /// <summary>The event types of the contract.</summary>
    public static IReadOnlySet<string> Types { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "auth_success", "auth_failure", "data_transfer", "privilege_change", "connection",
    };

    [JsonIgnore]
    public string EntityId => SubjectId;
}
