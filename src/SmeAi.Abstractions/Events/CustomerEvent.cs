using System.Text.Json.Serialization;

namespace SmeAi.Abstractions.Events;

/// <summary>
/// One value of <c>customer-events</c>: <c>{"customerId":"c-42","ts":"...","type":"purchase","amount":19.9,"attributes":{"contract":"month-to-month"}}</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustomerEvent(
    [property: Id(0), JsonPropertyName("customerId")] string CustomerId,
    [property: Id(1), JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: Id(2), JsonPropertyName("type")] string Type,
    [property: Id(3), JsonPropertyName("amount")] double? Amount,
    [property: Id(4), JsonPropertyName("attributes")] IReadOnlyDictionary<string, string>? Attributes) : IEntityEvent
{
    /// <summary>The event types of the contract.</summary>
    public static IReadOnlySet<string> Types { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "login", "page_view", "purchase", "support_ticket", "complaint", "payment_failed", "plan_change", "cancel", "profile",
    };

    [JsonIgnore]
    public string EntityId => CustomerId;
}
