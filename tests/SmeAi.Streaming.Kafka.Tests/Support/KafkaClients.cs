using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace SmeAi.Streaming.Kafka.Tests.Support;

/// <summary>Real Confluent.Kafka clients pointed at an embedded broker.</summary>
internal static class KafkaClients
{
    public static IProducer<string, string> Producer(string bootstrapServers) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();

    public static IConsumer<string, string> Consumer(string bootstrapServers, string groupId) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,

            // The mock answers a fetch that finds no data only after the full wait.
            FetchWaitMaxMs = 10,
        }).Build();

    public static IAdminClient Admin(string bootstrapServers) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();

    public static List<TopicPartition> Partitions(string topic, int count) =>
        [.. Enumerable.Range(0, count).Select(partition => new TopicPartition(topic, partition))];

    /// <summary>Produces every message and waits until all are acknowledged; fails on any delivery error.</summary>
    public static List<DeliveryReport<string, string>> ProduceAll(
        IProducer<string, string> producer, string topic, IEnumerable<(string Key, string Value)> messages)
    {
        var reports = new List<DeliveryReport<string, string>>();
        foreach (var (key, value) in messages)
        {
            producer.Produce(topic, new Message<string, string> { Key = key, Value = value }, report =>
            {
                lock (reports)
                {
                    reports.Add(report);
                }
            });
        }

        Assert.Equal(0, producer.Flush(Poll.DefaultTimeout));
        Assert.All(reports, report => Assert.Equal(ErrorCode.NoError, report.Error.Code));
        return reports;
    }

    /// <summary>Consumes until <paramref name="count"/> messages arrived, polling with a timeout.</summary>
    public static List<ConsumeResult<string, string>> ConsumeExactly(IConsumer<string, string> consumer, int count)
    {
        var results = new List<ConsumeResult<string, string>>(count);
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        while (results.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Consumed {results.Count} of {count} messages before timing out.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>Consumes for a short while and returns what arrived; used to show nothing more is there.</summary>
    public static List<ConsumeResult<string, string>> Drain(IConsumer<string, string> consumer, TimeSpan quiet)
    {
        var results = new List<ConsumeResult<string, string>>();
        while (consumer.Consume(quiet) is { } result)
        {
            results.Add(result);
        }

        return results;
    }
}
