namespace SmeAi.Streaming.Kafka.Data;

/// <summary>A validator written as a lambda.</summary>
internal sealed class DelegateKafkaEventValidator<TEvent>(Func<TEvent, string?> validate) : IKafkaEventValidator<TEvent>
{
    public string? Validate(TEvent value) => validate(value);
}
