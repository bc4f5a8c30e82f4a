using System.Diagnostics.CodeAnalysis;

namespace SmeAi.Abstractions.Events.Validation;

/// <summary>Validates any input event with the validator of its contract.</summary>
public static class EventValidator
{
    /// <summary>Returns null when <paramref name="value"/> is valid, otherwise one reason naming the offending field.</summary>
    public static string? Validate(IEntityEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            MachineTelemetry telemetry => MachineTelemetryValidator.Instance.Validate(telemetry),
            CustomerEvent customer => CustomerEventValidator.Instance.Validate(customer),
            SecurityEvent security => SecurityEventValidator.Instance.Validate(security),

            // Events outside the three contracts get the rules every event shares.
            _ => ValidationRules.Id(value.EntityId, "entityId") ?? ValidationRules.Timestamp(value.Ts, "ts"),
        };
    }

    /// <summary>True when <paramref name="value"/> is valid; otherwise false with the reason.</summary>
    public static bool IsValid(IEntityEvent value, [NotNullWhen(false)] out string? reason)
    {
        reason = Validate(value);
        return reason is null;
    }
}
