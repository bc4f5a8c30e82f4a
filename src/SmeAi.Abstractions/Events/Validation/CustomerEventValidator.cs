namespace SmeAi.Abstractions.Events.Validation;

/// <summary><c>customer-events</c>: customerId, ts, a known type, a non-negative amount and bounded attributes.</summary>
public sealed class CustomerEventValidator : IEventValidator<CustomerEvent>
{
    public static CustomerEventValidator Instance { get; } = new();

    public string? Validate(CustomerEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ValidationRules.Id(value.CustomerId, "customerId")
            ?? ValidationRules.Timestamp(value.Ts, "ts")
            ?? ValidationRules.OneOf(value.Type, "type", CustomerEvent.Types)
            ?? ValidationRules.OptionalNonNegative(value.Amount, "amount")
            ?? ValidationRules.Strings(value.Attributes, "attributes");
    }
}
