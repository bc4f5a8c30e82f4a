namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Headers of a dead-letter message (UTF-8 strings). The dead-letter message keeps the original key and value.
/// </summary>
public static class KafkaDeadLetterHeaders
{
    /// <summary>Why the message was dead-lettered, e.g. <c>invalid JSON for MachineTelemetry: ...</c>.</summary>
    public const string Reason = "reason";

    /// <summary><c>rejected</c> (could not be decoded or failed validation) or <c>delivery-failed</c> (a consumer kept failing).</summary>
    public const string Kind = "kind";

    public const string SourceTopic = "source-topic";

    public const string SourcePartition = "source-partition";

    public const string SourceOffset = "source-offset";

    public const string KindRejected = "rejected";

    public const string KindDeliveryFailed = "delivery-failed";
}
