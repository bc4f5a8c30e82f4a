namespace SmeAi.Silo.Outputs;

/// <summary>Outputs queued by a grain were not acknowledged by Kafka; the grain must not save state past them.</summary>
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
