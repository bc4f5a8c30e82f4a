namespace SmeAi.Silo.Outputs;

/// <summary>
/// Outputs queued by a grain were not acknowledged by Kafka, so the state write that waited on them is not made.
/// </summary>
public sealed class KafkaOutputException : Exception
{
    public KafkaOutputException()
    {
    }

    public KafkaOutputException(string message)
        : base(message)
    {
    }

    public KafkaOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
