using Confluent.Kafka;
using Orleans;

namespace SmeAi.Streaming.Kafka.Configuration;

/// <summary>
/// Settings of the Kafka persistent stream provider (named after the provider). Each partition of each topic in
/// <see cref="Topics"/> is one Orleans queue; the message key is the stream key.
/// </summary>
public sealed class KafkaStreamOptions
{
    /// <summary>The dead-letter topic of the platform contract.</summary>
    public const string DefaultDeadLetterTopic = "smeai-deadletter";

    /// <summary>Kafka <c>bootstrap.servers</c>, <c>host:port[,host:port]</c>. Required.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Consumer group under which partition offsets are committed. Default <c>smeai</c>.</summary>
    public string GroupId { get; set; } = "smeai";

    /// <summary>Topics to consume, by topic name. At least one is required.</summary>
    public IDictionary<string, KafkaTopicOptions> Topics { get; } = new Dictionary<string, KafkaTopicOptions>(StringComparer.Ordinal);

    /// <summary>Topic that receives rejected messages and events whose delivery failed. Default <c>smeai-deadletter</c>.</summary>
    public string DeadLetterTopic { get; set; } = DefaultDeadLetterTopic;

    /// <summary>Most messages read from one partition per pull of the pulling agent. Default 1,000.</summary>
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>
    /// Bound of one queue's cache in messages: events read but not yet delivered to every consumer. When reached the
    /// partition is not read until deliveries free room. Default 4,096.
    /// </summary>
    public int MaxCachedMessagesPerQueue { get; set; } = 4_096;

    /// <summary>Bound of one queue's cache in raw key+value bytes, checked like <see cref="MaxCachedMessagesPerQueue"/>. Default 8 MiB.</summary>
    public long MaxCachedBytesPerQueue { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Memory bound of the whole provider: when the memory the GC has committed (less fragmentation) reaches this share
    /// of what the process may use (its heap hard limit, its container's limit or the machine's memory), no partition
    /// is read until it falls 5 points below; cached events are still delivered. A silo that falls behind then slows
    /// its intake instead of running out of memory. With Orleans' activation shedding, keep its limit below this share,
    /// so that idle grains are shed first, and its target below this share less 5, so that shedding goes on until
    /// reading resumes. Between 50 and 100; 100 turns it off. Default 95.
    /// </summary>
    public double PauseReadingAtMemoryPercent { get; set; } = 95;

    /// <summary>
    /// librdkafka's prefetch buffer per partition, the second part of the memory bound: each of the silo's consumers
    /// gets this times the partitions it may read as <c>queued.max.messages.kbytes</c>. Default 1,024 KiB.
    /// </summary>
    public int ConsumerPrefetchKiB { get; set; } = 1_024;

    /// <summary>
    /// Kafka consumers per silo that the partitions it owns are spread over (partition number modulo this). Each is a
    /// librdkafka instance with its own connection and fetch loop, which costs CPU even with nothing to read; more than
    /// one lets fetching run in parallel (one consumer capped the embedded broker near 60,000 events/s). Default 4.
    /// </summary>
    public int ConsumersPerSilo { get; set; } = 4;

    /// <summary>
    /// Longest time a broker holds a fetch that finds no data (<c>fetch.wait.max.ms</c>). Real brokers answer as soon
    /// as data arrives; the embedded mock broker always waits this long, so use about 10 ms with it. Default 100 ms.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 100;

    /// <summary>How often stored (delivered) offsets are committed to Kafka (<c>auto.commit.interval.ms</c>). Default 1,000 ms.</summary>
    public int CommitIntervalMs { get; set; } = 1_000;

    /// <summary>
    /// How long a delivered offset waits before it may be committed. Set it above the write-behind interval of the
    /// consuming grains, so that a silo lost without a clean shutdown replays what they had not yet persisted (they
    /// dedupe by partition and offset). Shutdown commits without waiting. Default zero.
    /// </summary>
    public TimeSpan CheckpointDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Delivered events are also kept in the queue cache for <see cref="CheckpointDelay"/> (the replay window), so that
    /// a consumer grain re-activated after its silo was lost (the queue itself did not move) can ask for them again by
    /// resuming from <see cref="Provider.KafkaStreamSequenceToken.Earliest"/>. This bounds that window per queue; when
    /// it is full the oldest delivered events are dropped early. They do not count toward
    /// <see cref="MaxCachedMessagesPerQueue"/>. Default 65,536.
    /// </summary>
    public int MaxRetainedMessagesPerQueue { get; set; } = 65_536;

    /// <summary>Time allowed for each Kafka call the provider blocks on: committed-offset lookups, metadata, final commits. Default 10 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pulling agent period (<c>GetQueueMsgsTimerPeriod</c>) set by <c>AddKafkaStreams</c>; bounds delivery latency. Default 10 ms.</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long the pulling agent retries delivering one batch to a consumer (<c>MaxEventDeliveryTime</c>) before the
    /// batch counts as failed and is dead-lettered. Default 1 minute.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Producer retries for dead-letter and stream-produced messages (<c>message.send.max.retries</c>). Default 5.</summary>
    public int ProduceRetries { get; set; } = 5;

    /// <summary>
    /// Time a dead letter or stream-produced message may take to be acknowledged (<c>message.timeout.ms</c>) before its
    /// produce fails. A failed dead letter rewinds its partition to be read and tried again, so a topic that refuses
    /// stalls the partition this long per attempt (librdkafka's own default is 5 minutes). Default 30 s.
    /// </summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Kafka <c>security.protocol</c>. Default plaintext.</summary>
    public SecurityProtocol SecurityProtocol { get; set; } = SecurityProtocol.Plaintext;

    /// <summary>SASL mechanism when <see cref="SecurityProtocol"/> uses SASL. Default null (librdkafka's GSSAPI).</summary>
    public SaslMechanism? SaslMechanism { get; set; }

    /// <summary>SASL user name. Default null.</summary>
    public string? SaslUsername { get; set; }

    /// <summary>SASL password; never logged. Default null.</summary>
    [Redact]
    public string? SaslPassword { get; set; }

    /// <summary>CA certificate file for TLS (<c>ssl.ca.location</c>). Default null.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>Further librdkafka settings applied to every consumer and producer last; values may hold secrets, so never logged.</summary>
    [Redact]
    public IDictionary<string, string> ClientSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Applies what every client of the provider shares (security protocol, SASL, TLS CA, <see cref="ClientSettings"/>)
    /// to a client the application builds itself for the same cluster, such as a producer of output topics.
    /// </summary>
    public void ApplyClientSettings(ClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Provider.KafkaClientConfigs.ApplyCommon(config, this);
    }

    /// <summary>Adds a topic whose JSON values become <typeparamref name="TEvent"/> on the given stream namespace (default: the topic name).</summary>
    public KafkaStreamOptions AddTopic<TEvent>(string topic, string? streamNamespace = null)
    {
        Topics[topic] = new KafkaTopicOptions { StreamNamespace = streamNamespace, EventType = typeof(TEvent) };
        return this;
    }

    internal string NamespaceOf(string topic) => Topics[topic].StreamNamespace ?? topic;
}
