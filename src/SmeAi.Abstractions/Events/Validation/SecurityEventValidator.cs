using System.Net;

namespace SmeAi.Abstractions.Events.Validation;

/// <summary>
/// <c>security-events</c>: subjectId, ts, a known type, an IP address when present, bounded strings,
/// non-negative bytes and finite features.
/// </summary>
public sealed class SecurityEventValidator : IEventValidator<SecurityEvent>
{
    public static SecurityEventValidator Instance { get; } = new();

    public string? Validate(SecurityEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ValidationRules.Id(value.SubjectId, "subjectId")
            ?? ValidationRules.Timestamp(value.Ts, "ts")
            ?? ValidationRules.OneOf(value.Type, "type", SecurityEvent.Types)
            ?? Ip(value.Ip)
            ?? ValidationRules.OptionalText(value.Country, "country")
            ?? ValidationRules.OptionalText(value.Device, "device")
            ?? ValidationRules.OptionalText(value.Resource, "resource")
            ?? ValidationRules.OptionalNonNegative(value.Bytes, "bytes")
            ?? ValidationRules.Numbers(value.Features, "features", required: false);
    }

    private static string? Ip(string? ip)
    {
        if (ip is null)
        {
            return null;
        }

        return ip.Length <= EventLimits.MaxNameLength && IPAddress.TryParse(ip, out _)
            ? null
            : $"ip '{ValidationRules.Quote(ip)}' is not an IPv4 or IPv6 address";
    }
}
