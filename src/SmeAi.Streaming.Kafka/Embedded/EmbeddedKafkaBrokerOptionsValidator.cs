using Microsoft.Extensions.Options;

namespace SmeAi.Streaming.Kafka.Embedded;

/// <summary>Rejects embedded broker settings that would only fail later, with the setting's name in the message.</summary>
/// <remarks>
/// The library binds no configuration itself, so it cannot know where the settings came from: whoever binds them passes
/// the section (e.g. <c>Kafka:Embedded</c>) and each problem is named as the key a user sets. Without one, the problems
/// are named by the options' property, after <c>Embedded Kafka broker:</c>.
/// </remarks>
public sealed class EmbeddedKafkaBrokerOptionsValidator : IValidateOptions<EmbeddedKafkaBrokerOptions>
{
    private readonly string? _configurationSection;

    /// <param name="configurationSection">The configuration section the options are bound from; null when not bound from configuration.</param>
    public EmbeddedKafkaBrokerOptionsValidator(string? configurationSection = null) =>
        _configurationSection = string.IsNullOrWhiteSpace(configurationSection) ? null : configurationSection;

    public ValidateOptionsResult Validate(string? name, EmbeddedKafkaBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.BrokerCount < 1)
        {
            failures.Add(Line($"{Setting("BrokerCount")} must be at least 1 (was {options.BrokerCount})."));
        }

        AddPartitionFailure(failures, Setting("DefaultPartitions"), options.DefaultPartitions);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Topics.Count; i++)
        {
            var topic = options.Topics[i];
            var setting = Setting($"Topics:{i}");
            if (topic is null)
            {
                failures.Add(Line($"{setting} is empty."));
                continue;
            }

            if (KafkaTopicName.Problem(topic.Name) is { } problem)
            {
                failures.Add(Line($"{setting}:Name '{topic.Name}' {problem}."));
            }
            else if (!seen.Add(topic.Name))
            {
                failures.Add(Line($"{setting}:Name '{topic.Name}' is listed more than once."));
            }

            if (topic.Partitions is { } partitions)
            {
                AddPartitionFailure(failures, $"{setting}:Partitions", partitions);
            }
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures);
    }

    private string Setting(string option) => _configurationSection is null ? option : $"{_configurationSection}:{option}";

    private string Line(string problem) => _configurationSection is null ? $"Embedded Kafka broker: {problem}" : problem;

    private void AddPartitionFailure(List<string> failures, string setting, int partitions)
    {
        if (partitions is < 1 or > EmbeddedKafkaBrokerOptions.MaxPartitions)
        {
            failures.Add(Line($"{setting} must be between 1 and {EmbeddedKafkaBrokerOptions.MaxPartitions} (was {partitions})."));
        }
    }
}
