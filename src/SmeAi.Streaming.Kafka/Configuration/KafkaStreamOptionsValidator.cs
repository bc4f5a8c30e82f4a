using System.Globalization;
using Microsoft.Extensions.Options;

namespace SmeAi.Streaming.Kafka.Configuration;

/// <summary>Checks <see cref="KafkaStreamOptions"/> at startup, naming every problem with the setting it concerns.</summary>
/// <remarks>
/// The provider can be bound from any configuration section, so only whoever binds it knows the key a user sets: given
/// the section (e.g. <c>Kafka</c>) each problem names that key (<c>Kafka:MaxBatchSize</c>); without one it names the
/// option after the provider (<c>Kafka stream provider 'Kafka': MaxBatchSize</c>).
/// </remarks>
public sealed class KafkaStreamOptionsValidator : IValidateOptions<KafkaStreamOptions>
{
    private readonly bool _requireEventTypes;
    private readonly string? _configurationSection;

    /// <param name="requireEventTypes">False when a custom data adapter replaces the JSON one, which needs no types.</param>
    /// <param name="configurationSection">The configuration section the options are bound from; null when unknown.</param>
    public KafkaStreamOptionsValidator(bool requireEventTypes = true, string? configurationSection = null)
    {
        _requireEventTypes = requireEventTypes;
        _configurationSection = string.IsNullOrWhiteSpace(configurationSection) ? null : configurationSection;
    }

    public ValidateOptionsResult Validate(string? name, KafkaStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = string.IsNullOrEmpty(name) ? "Kafka stream provider" : $"Kafka stream provider '{name}'";
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            Fail($"{Setting(nameof(options.BootstrapServers))} is required (host:port[,host:port]).");
        }

        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            Fail($"{Setting(nameof(options.GroupId))} is required; offsets are committed under it.");
        }

        var topics = Setting(nameof(options.Topics));
        if (options.Topics.Count == 0)
        {
            Fail($"{topics} must list at least one topic.");
        }

        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (topic, topicOptions) in options.Topics)
        {
            if (string.IsNullOrWhiteSpace(topic))
            {
                Fail($"{topics}: a topic name is empty.");
                continue;
            }

            if (topic == options.DeadLetterTopic)
            {
                Fail($"{topics}: topic '{topic}' is also the dead-letter topic ({Setting(nameof(options.DeadLetterTopic))}); rejected messages would be read again.");
            }

            var ns = topicOptions.StreamNamespace ?? topic;
            if (!namespaces.TryAdd(ns, topic))
            {
                Fail($"{topics}: topics '{namespaces[ns]}' and '{topic}' map to the same stream namespace '{ns}'.");
            }

            if (_requireEventTypes && topicOptions.EventType is null)
            {
                Fail($"{topics}: topic '{topic}' has no EventType for the JSON data adapter (use AddTopic<TEvent>).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DeadLetterTopic))
        {
            Fail($"{Setting(nameof(options.DeadLetterTopic))} is required.");
        }

        Positive(options.MaxBatchSize, nameof(options.MaxBatchSize));
        Positive(options.ConsumersPerSilo, nameof(options.ConsumersPerSilo));
        Positive(options.MaxCachedMessagesPerQueue, nameof(options.MaxCachedMessagesPerQueue));
        Positive(options.MaxRetainedMessagesPerQueue, nameof(options.MaxRetainedMessagesPerQueue));
        Positive(options.MaxCachedBytesPerQueue, nameof(options.MaxCachedBytesPerQueue));
        Positive(options.ConsumerPrefetchKiB, nameof(options.ConsumerPrefetchKiB));
        Positive(options.FetchWaitMaxMs, nameof(options.FetchWaitMaxMs));
        Positive(options.CommitIntervalMs, nameof(options.CommitIntervalMs));

        // librdkafka's own bounds: beyond them the consumer cannot be built, which happens only when a partition is
        // first assigned, so the silo would start and never read.
        AtMost(options.MaxBatchSize, 10_000_000, nameof(options.MaxBatchSize), "queued.min.messages");
        AtMost(options.FetchWaitMaxMs, 300_000, nameof(options.FetchWaitMaxMs), "fetch.wait.max.ms");
        AtMost(options.CommitIntervalMs, 86_400_000, nameof(options.CommitIntervalMs), "auto.commit.interval.ms");
        if (options.PollPeriod > TimeSpan.FromMinutes(5))
        {
            Fail($"{Setting(nameof(options.PollPeriod))} must be at most 5 minutes, librdkafka's limit of fetch.queue.backoff.ms, which it sets too (was {options.PollPeriod}).");
        }

        // Reading resumes 5 points below the share; far below what a heap needs for its live data it would never resume.
        if (!(options.PauseReadingAtMemoryPercent is >= 50 and <= 100))
        {
            Fail($"{Setting(nameof(options.PauseReadingAtMemoryPercent))} must be between 50 and 100 (was {options.PauseReadingAtMemoryPercent}).");
        }

        if (options.CheckpointDelay < TimeSpan.Zero)
        {
            Fail($"{Setting(nameof(options.CheckpointDelay))} must not be negative (was {options.CheckpointDelay}).");
        }

        Positive(options.OperationTimeout.Ticks, nameof(options.OperationTimeout));
        Positive(options.PollPeriod.Ticks, nameof(options.PollPeriod));
        Positive(options.DeliveryTimeout.Ticks, nameof(options.DeliveryTimeout));
        if (options.ProduceTimeout < TimeSpan.FromSeconds(1) || options.ProduceTimeout.TotalMilliseconds > int.MaxValue)
        {
            Fail($"{Setting(nameof(options.ProduceTimeout))} must be between 1 second and {TimeSpan.FromMilliseconds(int.MaxValue):%d} days (was {options.ProduceTimeout}).");
        }

        if (options.ProduceRetries < 0)
        {
            Fail($"{Setting(nameof(options.ProduceRetries))} must not be negative (was {options.ProduceRetries}).");
        }

        if (options.MaxBatchSize > options.MaxCachedMessagesPerQueue)
        {
            Fail($"{Setting(nameof(options.MaxBatchSize))} ({options.MaxBatchSize}) must not exceed {Setting(nameof(options.MaxCachedMessagesPerQueue))} ({options.MaxCachedMessagesPerQueue}).");
        }

        if (options.SaslMechanism is not null && string.IsNullOrEmpty(options.SaslUsername) && options.SaslMechanism != Confluent.Kafka.SaslMechanism.Gssapi && options.SaslMechanism != Confluent.Kafka.SaslMechanism.OAuthBearer)
        {
            Fail($"{Setting(nameof(options.SaslMechanism))} {options.SaslMechanism} needs {Setting(nameof(options.SaslUsername))} and {Setting(nameof(options.SaslPassword))}.");
        }

        if (failures.Count == 0 && Provider.KafkaClientSettingsCheck.Refusal(options) is { } refusal)
        {
            // Only now: with a setting out of range above, librdkafka would refuse the same thing again.
            Fail($"{refusal} ({Setting(nameof(options.ClientSettings))} apply to every client of the provider).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(long value, string option)
        {
            if (value <= 0)
            {
                Fail($"{Setting(option)} must be positive (was {value}).");
            }
        }

        void AtMost(long value, long max, string option, string librdkafkaProperty)
        {
            if (value > max)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"{Setting(option)} must be at most {max:N0}, librdkafka's limit of {librdkafkaProperty} (was {value:N0})."));
            }
        }

        // With the section known, the key says where the problem is; otherwise the provider's name does.
        void Fail(string problem) => failures.Add(_configurationSection is null ? $"{provider}: {problem}" : problem);
    }

    private string Setting(string option) => _configurationSection is null ? option : $"{_configurationSection}:{option}";
}
