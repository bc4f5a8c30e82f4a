using System.IO.Hashing;
using System.Text;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Embedded;

/// <summary>Real Confluent.Kafka producers and consumers against the embedded broker.</summary>
public sealed class EmbeddedKafkaBrokerRoundTripTests
{
    private const string Topic = "machine-telemetry";
    private const int Partitions = 16;

    [Fact]
    public void Keyed_messages_come_back_complete_in_per_key_order_and_each_key_stays_on_one_partition()
    {
        const int messageCount = 10_000;
        const int keyCount = 250;
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = Topic, Partitions = Partitions } },
        });

        // Value = the message's sequence number within its key.
        var messages = Enumerable.Range(0, messageCount)
            .Select(i => (Key: $"m-{i % keyCount}", Value: (i / keyCount).ToString()))
            .ToList();
        List<DeliveryReport<string, string>> reports;
        using (var producer = KafkaClients.Producer(broker.BootstrapServers))
        {
            reports = KafkaClients.ProduceAll(producer, Topic, messages);
        }

        using var consumer = KafkaClients.Consumer(broker.BootstrapServers, "round-trip");
        consumer.Assign(KafkaClients.Partitions(Topic, Partitions).Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var consumed = KafkaClients.ConsumeExactly(consumer, messageCount);
        var extra = KafkaClients.Drain(consumer, TimeSpan.FromMilliseconds(300));
        consumer.Close();

        Assert.Empty(extra);
        Assert.Equal(messageCount, consumed.Select(r => r.TopicPartitionOffset).Distinct().Count());
        foreach (var byKey in consumed.GroupBy(r => r.Message.Key))
        {
            var sequence = byKey.Select(r => int.Parse(r.Message.Value)).ToList();
            Assert.Equal(Enumerable.Range(0, messageCount / keyCount), sequence);

            var partition = Assert.Single(byKey.Select(r => r.Partition.Value).Distinct());
            Assert.Equal(ConsistentPartition(byKey.Key, Partitions), partition);
        }

        // The producer saw the same placement, and the keys spread over every partition.
        Assert.All(reports, report => Assert.Equal(ConsistentPartition(report.Message.Key, Partitions), report.Partition.Value));
        Assert.Equal(Partitions, consumed.Select(r => r.Partition.Value).Distinct().Count());
    }

    [Fact]
    public void A_consumer_of_the_same_group_resumes_after_the_committed_offsets()
    {
        const string topic = "orders";
        const int partitions = 4;
        const int messageCount = 400;
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = topic, Partitions = partitions } },
        });
        using (var producer = KafkaClients.Producer(broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, topic, Enumerable.Range(0, messageCount).Select(i => ($"k-{i % 20}", i.ToString())));
        }

        var all = KafkaClients.Partitions(topic, partitions);
        var stored = all.Select(tp => new TopicPartitionOffset(tp, Offset.Stored)).ToList();

        List<ConsumeResult<string, string>> first;
        List<TopicPartitionOffset> commits;
        using (var consumer = KafkaClients.Consumer(broker.BootstrapServers, "provider"))
        {
            consumer.Assign(stored);
            first = KafkaClients.ConsumeExactly(consumer, 150);

            // As the stream provider will: commit the offset after the last delivered message, per partition.
            commits = [.. first.GroupBy(r => r.TopicPartition)
                .Select(g => new TopicPartitionOffset(g.Key, g.Max(r => r.Offset.Value) + 1))];
            consumer.Commit(commits);

            var committed = consumer.Committed(all, Poll.DefaultTimeout);
            Assert.Equal(
                commits.OrderBy(c => c.Partition.Value).Select(c => (c.Partition.Value, c.Offset.Value)),
                committed.Where(c => c.Offset != Offset.Unset).OrderBy(c => c.Partition.Value).Select(c => (c.Partition.Value, c.Offset.Value)));
            consumer.Close();
        }

        using var reopened = KafkaClients.Consumer(broker.BootstrapServers, "provider");
        reopened.Assign(stored);
        var rest = KafkaClients.ConsumeExactly(reopened, messageCount - first.Count);
        var extra = KafkaClients.Drain(reopened, TimeSpan.FromMilliseconds(300));
        reopened.Close();

        Assert.Empty(extra);
        var firstOffsets = first.Select(r => r.TopicPartitionOffset).ToHashSet();
        Assert.DoesNotContain(rest, r => firstOffsets.Contains(r.TopicPartitionOffset));
        Assert.Equal(messageCount, firstOffsets.Union(rest.Select(r => r.TopicPartitionOffset)).Count());
        foreach (var commit in commits)
        {
            var resumedAt = rest.Where(r => r.TopicPartition == commit.TopicPartition).Min(r => (long?)r.Offset.Value);
            Assert.True(resumedAt is null || resumedAt == commit.Offset.Value, $"{commit.TopicPartition} resumed at {resumedAt}, committed {commit.Offset}.");
        }

        // Commits belong to the group: another group starts from the beginning.
        using var otherGroup = KafkaClients.Consumer(broker.BootstrapServers, "another-group");
        otherGroup.Assign(stored);
        Assert.Equal(messageCount, KafkaClients.ConsumeExactly(otherGroup, messageCount).Count);
        otherGroup.Close();
    }

    [Fact]
    public void A_topic_used_before_it_was_created_is_auto_created_by_the_mock_and_cannot_be_created_again()
    {
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions());
        using (var producer = KafkaClients.Producer(broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, "never-created", [("k", "v")]);
        }

        using var admin = KafkaClients.Admin(broker.BootstrapServers);
        var metadata = admin.GetMetadata("never-created", Poll.DefaultTimeout);
        var autoCreated = Assert.Single(metadata.Topics);
        Assert.Equal(ErrorCode.NoError, autoCreated.Error.Code);

        // The mock's own default, not the broker's DefaultPartitions: why topics must be created first.
        Assert.Equal(4, autoCreated.Partitions.Count);

        var ex = Assert.Throws<InvalidOperationException>(() => broker.CreateTopic("never-created", 16));
        Assert.Contains("auto-creates", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>librdkafka's default partitioner (consistent_random) for a non-empty key: CRC-32 of the key bytes.</summary>
    private static int ConsistentPartition(string key, int partitions) =>
        (int)(Crc32.HashToUInt32(Encoding.UTF8.GetBytes(key)) % (uint)partitions);
}
