namespace SmeAi.Streaming.Kafka.Configuration;

/// <summary>How one Kafka topic is consumed: the stream namespace its events go to and the CLR type its JSON values become.</summary>
public sealed class KafkaTopicOptions
{
    /// <summary>Stream namespace of the topic's events; null uses the topic name. Default null.</summary>
    public string? StreamNamespace { get; set; }

    /// <summary>
    /// CLR type the default JSON data adapter deserialises each value to. Required unless a custom
    /// <see cref="Data.IKafkaDataAdapter"/> is configured. Set in code; configuration binding cannot set a type.
    /// </summary>
    public Type? EventType { get; set; }
}
