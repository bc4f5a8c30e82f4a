using Microsoft.Extensions.Options;

namespace SmeAi.Streaming.Kafka.Configuration;

/// <summary>Checks <see cref="KafkaStreamOptions"/> at startup, naming every problem with the provider it belongs to.</summary>
public sealed class KafkaStreamOptionsValidator : IValidateOptions<KafkaStreamOptions>
{
    private readonly bool _requireEventTypes;

    /// <param name="requireEventTypes">False when a custom data adapter replaces the JSON one, which needs no types.</param>
    public KafkaStreamOptionsValidator(bool requireEventTypes = true) => _requireEventTypes = requireEventTypes;

    public ValidateOptionsResult Validate(string? name, KafkaStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = string.IsNullOrEmpty(name) ? "Kafka stream provider" : $"Kafka stream provider '{name}'";
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            failures.Add($"{provider}: BootstrapServers is required (host:port[,host:port]).");
        }

        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            failures.Add($"{provider}: GroupId is required; offsets are committed under it.");
        }

        if (options.Topics.Count == 0)
        {
            failures.Add($"{provider}: Topics must list at least one topic.");
        }

        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (topic, topicOptions) in options.Topics)
        {
            if (string.IsNullOrWhiteSpace(topic))
            {
                failures.Add($"{provider}: a topic name is empty.");
                continue;
            }

            if (topic == options.DeadLetterTopic)
            {
                failures.Add($"{provider}: topic '{topic}' is also the dead-letter topic; rejected messages would be read again.");
            }

            var ns = topicOptions.StreamNamespace ?? topic;
            if (!namespaces.TryAdd(ns, topic))
            {
                failures.Add($"{provider}: topics '{namespaces[ns]}' and '{topic}' map to the same stream namespace '{ns}'.");
            }

            if (_requireEventTypes && topicOptions.EventType is null)
            {
                failures.Add($"{provider}: topic '{topic}' has no EventType for the JSON data adapter (use AddTopic<TEvent>).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DeadLetterTopic))
        {
            failures.Add($"{provider}: DeadLetterTopic is required.");
        }

        Positive(options.MaxBatchSize, nameof(options.MaxBatchSize));
        Positive(options.MaxCachedMessagesPerQueue, nameof(options.MaxCachedMessagesPerQueue));
        Positive(options.MaxRetainedMessagesPerQueue, nameof(options.MaxRetainedMessagesPerQueue));
        Positive(options.MaxCachedBytesPerQueue, nameof(options.MaxCachedBytesPerQueue));
        Positive(options.ConsumerPrefetchKiB, nameof(options.ConsumerPrefetchKiB));
        Positive(options.FetchWaitMaxMs, nameof(options.FetchWaitMaxMs));
        Positive(options.CommitIntervalMs, nameof(options.CommitIntervalMs));
        if (options.CheckpointDelay < TimeSpan.Zero)
        {
            failures.Add($"{provider}: CheckpointDelay must not be negative (was {options.CheckpointDelay}).");
        }

        Positive(options.OperationTimeout.Ticks, nameof(options.OperationTimeout));
        Positive(options.PollPeriod.Ticks, nameof(options.PollPeriod));
        Positive(options.DeliveryTimeout.Ticks, nameof(options.DeliveryTimeout));
        if (options.ProduceRetries < 0)
        {
            failures.Add($"{provider}: ProduceRetries must not be negative (was {options.ProduceRetries}).");
        }

        if (options.MaxBatchSize > options.MaxCachedMessagesPerQueue)
        {
            failures.Add($"{provider}: MaxBatchSize ({options.MaxBatchSize}) must not exceed MaxCachedMessagesPerQueue ({options.MaxCachedMessagesPerQueue}).");
        }

        if (options.SaslMechanism is not null && string.IsNullOrEmpty(options.SaslUsername) && options.SaslMechanism != Confluent.Kafka.SaslMechanism.Gssapi && options.SaslMechanism != Confluent.Kafka.SaslMechanism.OAuthBearer)
        {
            failures.Add($"{provider}: SaslMechanism {options.SaslMechanism} needs SaslUsername and SaslPassword.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(long value, string option)
        {
            if (value <= 0)
            {
                failures.Add($"{provider}: {option} must be positive (was {value}).");
            }
        }
    }
}
