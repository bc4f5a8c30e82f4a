using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Cli.Scores;

/// <summary>
/// Reads every <see cref="ScoreRecord"/> of a topic from the beginning, without a consumer group, until the topic has
/// been idle for a while or (with <c>toEnd</c>) every partition has reached the end it had.
/// </summary>
internal sealed class ScoreReader(string bootstrap, string topic, int partitions, TimeProvider time)
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Values that were not ScoreRecord JSON, skipped.</summary>
    public int Unreadable { get; private set; }

    public async Task<IReadOnlyList<ScoreRecord>> ReadAsync(TimeSpan idle, bool toEnd, CancellationToken cancellationToken)
    {
        // librdkafka's consume loop blocks; keep it off the caller's thread.
        await Task.Yield();
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "smeai-cli-export",
            ClientId = "smeai-cli-export",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config)
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var records = new List<ScoreRecord>();
        var atEnd = new HashSet<int>();
        var lastActivity = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = consumer.Consume(_poll);
            if (result is null)
            {
                if (time.GetElapsedTime(lastActivity) >= idle)
                {
                    break;
                }

                continue;
            }

            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition.Value);
                if (toEnd && atEnd.Count == partitions)
                {
                    break;
                }

                continue;
            }

            lastActivity = time.GetTimestamp();
            atEnd.Remove(result.Partition.Value);
            if (TryRead(result.Message.Value) is { } record)
            {
                records.Add(record);
            }
            else
            {
                Unreadable++;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        consumer.Close();
        return records;
    }

    private static ScoreRecord? TryRead(byte[]? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<ScoreRecord>(value, EventJson.Options);
            return record is { EntityId.Length: > 0, Domain.Length: > 0 } && record.Ts != default ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
