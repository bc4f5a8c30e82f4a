using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Provider;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

public sealed class KafkaSharedConsumerTests
{
    private const string Topic = "shared-consumer-events";
    private const int PerPartition = 300;

    [Fact]
    public void A_partition_whose_receiver_stops_taking_is_paused_without_holding_back_the_other_and_then_resumes_losing_and_repeating_nothing()
    {
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = Topic, Partitions = 2 } },
        });
        var options = new KafkaStreamOptions { MaxBatchSize = 10, MaxCachedMessagesPerQueue = 40 };
        TestTopics.Configure(options, broker.BootstrapServers, "shared-consumer");
        using (var producer = KafkaClients.Producer(broker.BootstrapServers))
        {
            for (var i = 0; i < PerPartition; i++)
            {
                foreach (var partition in new[] { 0, 1 })
                {
                    producer.Produce(new TopicPartition(Topic, partition), new Message<string, string> { Key = $"k{i}", Value = "{}" });
                }
            }

            producer.Flush(Poll.DefaultTimeout);
        }

        using var consumer = new KafkaSharedConsumer(options, "shared-consumer-test", partitionCount: 2, new ListLogger<KafkaSharedConsumer>());
        var slow = new TopicPartition(Topic, 0);
        var fast = new TopicPartition(Topic, 1);
        Assert.Equal(-1, consumer.Attach(slow));
        Assert.Equal(-1, consumer.Attach(fast));

        // Only the fast partition's receiver takes: all of it arrives although the slow one's buffer filled up long before.
        var fastOffsets = TakeAll(consumer, fast);
        Assert.Equal(Enumerable.Range(0, PerPartition).Select(i => (long)i), fastOffsets);

        // The slow partition was paused at its bound; taking resumes it, and every offset comes exactly once, in order.
        var slowOffsets = TakeAll(consumer, slow);
        Assert.Equal(Enumerable.Range(0, PerPartition).Select(i => (long)i), slowOffsets);

        consumer.Detach(slow, checkpoint: PerPartition);
        consumer.Detach(fast, checkpoint: PerPartition);
        Assert.Equal(0, consumer.AssignedCount);
        Assert.Equal(
            new Dictionary<int, long> { [0] = PerPartition, [1] = PerPartition },
            TestTopics.CommittedOffsets(broker.BootstrapServers, "shared-consumer", Topic, 2));
    }

    private static List<long> TakeAll(KafkaSharedConsumer consumer, TopicPartition partition)
    {
        var offsets = new List<long>();
        var batch = new List<ConsumeResult<byte[], byte[]>>();
        Poll.Until(
            () =>
            {
                batch.Clear();
                Assert.Null(consumer.Take(partition, 10, batch));
                offsets.AddRange(batch.Select(result => result.Offset.Value));
                return offsets.Count >= PerPartition;
            },
            $"every message of {partition} taken");
        return offsets;
    }
}
