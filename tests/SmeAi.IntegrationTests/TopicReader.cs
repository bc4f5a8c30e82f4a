using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.IntegrationTests;

/// <summary>Reads one key's records of a topic from the beginning, as any outside consumer of the output topics would.</summary>
internal static class TopicReader
{
    public static List<T> ReadByKey<T>(string bootstrap, string topic, string key, Func<List<T>, bool> enough, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = $"test-{topic}-{key}-{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest, FetchWaitMaxMs = 10,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<T>();
        var deadline = DateTime.UtcNow + timeout;
        while (!enough(records) && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message?.Key == key && JsonSerializer.Deserialize<T>(result.Message.Value, EventJson.Options) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>
    /// Every record of <paramref name="topic"/>, read until no new record came for <paramref name="idle"/> (the first
    /// wait is longer: joining the consumer group takes a few seconds).
    /// </summary>
    public static List<T> ReadAll<T>(string bootstrap, string topic, TimeSpan idle)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = $"test-{topic}-{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest, FetchWaitMaxMs = 10,
        };
        using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<T>();
        var lastRecord = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow - lastRecord < idle)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message?.Value is { } value && JsonSerializer.Deserialize<T>(value, EventJson.Options) is { } record)
            {
                records.Add(record);
                lastRecord = DateTime.UtcNow;
            }
        }

        return records;
    }
}
