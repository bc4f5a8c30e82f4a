namespace SmeAi.Streaming.Kafka.Data;

/// <summary>The event a message decodes to, or why it was rejected.</summary>
public readonly record struct KafkaDecodeResult
{
    private KafkaDecodeResult(object? payload, string? rejectionReason)
    {
        Payload = payload;
        RejectionReason = rejectionReason;
    }

    /// <summary>The decoded event; null when rejected.</summary>
    public object? Payload { get; }

    /// <summary>Why the message was rejected; null when accepted.</summary>
    public string? RejectionReason { get; }

    public bool IsRejected => RejectionReason is not null;

    public static KafkaDecodeResult Accept(object payload) => new(payload ?? throw new ArgumentNullException(nameof(payload)), null);

    public static KafkaDecodeResult Reject(string reason) => new(null, string.IsNullOrEmpty(reason) ? "rejected" : reason);
}
