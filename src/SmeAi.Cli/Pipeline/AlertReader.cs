using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Cli.Pipeline;

/// <summary>Reads every <see cref="Alert"/> of an alert topic from the beginning to the end it has now.</summary>
internal static class AlertReader
{
    public static async Task<IReadOnlyList<Alert>> ReadToEndAsync(string bootstrap, string topic, int partitions, CancellationToken cancellationToken)
    {
        // librdkafka's consume loop blocks; keep it off the caller's thread.
        await Task.Yield();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "smeai-cli-evaluate",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var alerts = new List<Alert>();
        var atEnd = new HashSet<int>();
        while (atEnd.Count < partitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition.Value);
                continue;
            }

            atEnd.Remove(result.Partition.Value);
            try
            {
                if (result.Message.Value is { } value && JsonSerializer.Deserialize<Alert>(value, EventJson.Options) is { EntityId.Length: > 0 } alert)
                {
                    alerts.Add(alert);
                }
            }
            catch (JsonException)
            {
                // Not an alert: nothing to count.
            }
        }

        consumer.Close();
        return alerts;
    }
}
