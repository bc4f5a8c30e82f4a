using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>librdkafka settings derived from <see cref="KafkaStreamOptions"/>.</summary>
internal static class KafkaClientConfigs
{
    /// <summary>librdkafka's largest <c>queued.max.messages.kbytes</c>.</summary>
    public const int MaxPrefetchKiB = 2_097_151;

    /// <summary>
    /// A consumer shared by several partitions (<see cref="KafkaSharedConsumer"/>), its partitions assigned (no group rebalancing:
    /// Orleans balances queues). Offsets are stored by the receivers only for delivered events and committed in the
    /// background every <c>CommitIntervalMs</c>.
    /// </summary>
    public static ConsumerConfig Consumer(KafkaStreamOptions options, string clientId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            ClientId = clientId,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = options.CommitIntervalMs,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = options.FetchWaitMaxMs,
            QueuedMaxMessagesKbytes = Math.Min(MaxPrefetchKiB, options.ConsumerPrefetchKiB),
            QueuedMinMessages = options.MaxBatchSize,

            // Above QueuedMinMessages librdkafka pauses fetching for this long (default 1 s); the agent drains the queue
            // every PollPeriod, so look again after one period. The 1 s default capped a partition near 1,000 events/s.
            FetchQueueBackoffMs = Math.Max(1, (int)options.PollPeriod.TotalMilliseconds),
            EnablePartitionEof = false,
        };
        ApplyCommon(config, options);
        return config;
    }

    public static ProducerConfig Producer(KafkaStreamOptions options, string clientId)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,
            Acks = Acks.All,
            EnableIdempotence = options.ProduceRetries > 0,
            MessageSendMaxRetries = options.ProduceRetries,
            LingerMs = 2,
            MessageTimeoutMs = (int)options.ProduceTimeout.TotalMilliseconds,
        };
        ApplyCommon(config, options);
        return config;
    }

    public static AdminClientConfig Admin(KafkaStreamOptions options, string clientId)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers, ClientId = clientId };
        ApplyCommon(config, options);
        return config;
    }

    internal static void ApplyCommon(ClientConfig config, KafkaStreamOptions options)
    {
        config.SecurityProtocol = options.SecurityProtocol;
        if (options.SaslMechanism is { } mechanism)
        {
            config.SaslMechanism = mechanism;
        }

        if (options.SaslUsername is { } username)
        {
            config.SaslUsername = username;
        }

        if (options.SaslPassword is { } password)
        {
            config.SaslPassword = password;
        }

        if (options.SslCaLocation is { } caLocation)
        {
            config.SslCaLocation = caLocation;
        }
        foreach (var (key, value) in options.ClientSettings)
        {
            config.Set(key, value);
        }
    }
}
