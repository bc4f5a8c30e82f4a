using Microsoft.Extensions.Options;

namespace SmeAi.Streaming.Kafka.Embedded;

/// <summary>Rejects embedded broker settings that would only fail later, with the setting's name in the message.</summary>
public sealed class EmbeddedKafkaBrokerOptionsValidator : IValidateOptions<EmbeddedKafkaBrokerOptions>
{
    private const string Section = EmbeddedKafkaBrokerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, EmbeddedKafkaBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.BrokerCount < 1)
        {
            failures.Add($"{Section}:BrokerCount must be at least 1 (was {options.BrokerCount}).");
        }

        AddPartitionFailure(failures, $"{Section}:DefaultPartitions", options.DefaultPartitions);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Topics.Count; i++)
        {
            var topic = options.Topics[i];
            var setting = $"{Section}:Topics:{i}";
            if (topic is null)
            {
                failures.Add($"{setting} is empty.");
                continue;
            }

            if (KafkaTopicName.Problem(topic.Name) is { } problem)
            {
                failures.Add($"{setting}:Name '{topic.Name}' {problem}.");
            }
            else if (!seen.Add(topic.Name))
            {
                failures.Add($"{setting}:Name '{topic.Name}' is listed more than once.");
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

    private static void AddPartitionFailure(List<string> failures, string setting, int partitions)
    {
        if (partitions is < 1 or > EmbeddedKafkaBrokerOptions.MaxPartitions)
        {
            failures.Add($"{setting} must be between 1 and {EmbeddedKafkaBrokerOptions.MaxPartitions} (was {partitions}).");
        }
    }
}
