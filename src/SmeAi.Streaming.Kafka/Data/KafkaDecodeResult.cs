namespace SmeAi.Streaming.Kafka.Data;

/// <summary>The event a message decodes to, or why it was rejected.</summary>
public readonly record struct KafkaDecodeResult
{
    private KafkaDecodeResult(object? payload, string? rejectionReason, string? streamKey = null)
    {
        Payload = payload;
        RejectionReason = rejectionReason;
        StreamKey = streamKey;
    }

    /// <summary>The decoded event; null when rejected.</summary>
    public object? Payload { get; }

    /// <summary>Why the message was rejected; null when accepted.</summary>
    public string? RejectionReason { get; }

    /// <summary>
    /// The stream key to file the event under when the adapter replaces the message key (e.g. by a pseudonym); null
    /// keeps the message key. Messages with the same message key must get the same stream key.
    /// </summary>
    public string? StreamKey { get; }

    public bool IsRejected => RejectionReason is not null;

    public static KafkaDecodeResult Accept(object payload) => new(payload ?? throw new ArgumentNullException(nameof(payload)), null);

    /// <summary>Accepts the event under <paramref name="streamKey"/> instead of the message key.</summary>
    public static KafkaDecodeResult Accept(object payload, string streamKey) => new(
        payload ?? throw new ArgumentNullException(nameof(payload)),
        null,
        string.IsNullOrEmpty(streamKey) ? throw new ArgumentException("A stream key must not be empty.", nameof(streamKey)) : streamKey);

    public static KafkaDecodeResult Reject(string reason) => new(null, string.IsNullOrEmpty(reason) ? "rejected" : reason);
}
