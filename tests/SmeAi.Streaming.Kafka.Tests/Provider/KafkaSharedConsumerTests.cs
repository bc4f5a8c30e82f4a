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
        using var broker = BrokerWithMessages(partitions: 2, filled: [0, 1]);
        var options = SmallBufferOptions(broker, "shared-consumer");

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

    [Fact]
    public void A_partition_detached_while_paused_reads_again_when_attached_to_the_same_consumer()
    {
        using var broker = BrokerWithMessages(partitions: 2, filled: [0]);
        var options = SmallBufferOptions(broker, "shared-consumer-repause");

        using var consumer = new KafkaSharedConsumer(options, "shared-consumer-repause-test", partitionCount: 2, new ListLogger<KafkaSharedConsumer>());
        var moving = new TopicPartition(Topic, 0);
        var staying = new TopicPartition(Topic, 1);
        consumer.Attach(moving);
        consumer.Attach(staying);

        // Reads for the other partition fill the moving one's buffer past its bound, which pauses it.
        var batch = new List<ConsumeResult<byte[], byte[]>>();
        Poll.Until(
            () =>
            {
                Assert.Null(consumer.Take(staying, 10, batch));
                return consumer.Buffered(moving) >= options.MaxCachedMessagesPerQueue;
            },
            "the moving partition's buffer filled up");
        Assert.Empty(batch);

        // The queue moves away and comes back to this consumer, which stayed open for the other partition.
        consumer.Detach(moving, checkpoint: -1);
        Assert.Equal(-1, consumer.Attach(moving));
        Assert.Equal(Enumerable.Range(0, PerPartition).Select(i => (long)i), TakeAll(consumer, moving));
    }

    [Fact]
    public async Task Partitions_detached_at_once_from_many_threads_each_commit_and_none_waits_on_a_closed_consumer()
    {
        // The last partition out closes the consumer: a detach still committing or unassigning on another thread then
        // used a closed consumer, and librdkafka waits forever for a closed consumer's reply (a silo stop hung on it).
        const int partitions = 8, rounds = 10;
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = Topic, Partitions = partitions } },
        });
        var options = new KafkaStreamOptions();
        TestTopics.Configure(options, broker.BootstrapServers, "shared-consumer-detach");
        var consumer = new KafkaSharedConsumer(options, "shared-consumer-detach-test", partitions, new ListLogger<KafkaSharedConsumer>());
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(Topic, p)).ToList();

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var partition in all)
            {
                consumer.Attach(partition);
            }

            using var start = new Barrier(partitions);
            var detaches = all.Select(partition => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    consumer.Detach(partition, checkpoint: round);
                },
                TaskCreationOptions.LongRunning)).ToArray();

            // A hung detach holds the consumer's lock, so the consumer is only disposed once every detach returned.
            await Task.WhenAll(detaches).WaitAsync(Poll.DefaultTimeout);
            Assert.Equal(0, consumer.AssignedCount);
            Assert.All(
                TestTopics.CommittedOffsets(broker.BootstrapServers, "shared-consumer-detach", Topic, partitions).Values,
                offset => Assert.Equal(round, offset));
        }

        consumer.Dispose();
    }

    /// <summary>A broker whose topic has <paramref name="partitions"/>, with <see cref="PerPartition"/> messages in each of <paramref name="filled"/>.</summary>
    private static EmbeddedKafkaBroker BrokerWithMessages(int partitions, int[] filled)
    {
        var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = Topic, Partitions = partitions } },
        });
        using var producer = KafkaClients.Producer(broker.BootstrapServers);
        for (var i = 0; i < PerPartition; i++)
        {
            foreach (var partition in filled)
            {
                producer.Produce(new TopicPartition(Topic, partition), new Message<string, string> { Key = $"k{i}", Value = "{}" });
            }
        }

        producer.Flush(Poll.DefaultTimeout);
        return broker;
    }

    /// <summary>Reads of 10 and a partition paused at 40 buffered messages, so a few reads reach the bound.</summary>
    private static KafkaStreamOptions SmallBufferOptions(EmbeddedKafkaBroker broker, string groupId)
    {
        var options = new KafkaStreamOptions { MaxBatchSize = 10, MaxCachedMessagesPerQueue = 40 };
        TestTopics.Configure(options, broker.BootstrapServers, groupId);
        return options;
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
