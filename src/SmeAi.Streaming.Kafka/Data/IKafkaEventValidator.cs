namespace SmeAi.Streaming.Kafka.Data;

/// <summary>
/// Checks a deserialised event before it enters a stream. Register one per event type with
/// <c>services.AddKafkaEventValidator&lt;T&gt;(...)</c>; the JSON data adapter applies every validator of a topic's type.
/// </summary>
public interface IKafkaEventValidator<in TEvent>
{
    /// <summary>Returns why the event is invalid, or null if it is valid.</summary>
    string? Validate(TEvent value);
}
