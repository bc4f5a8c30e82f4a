using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Provider;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// A dead letter can fail for reasons other than the broker refusing it (the producer could not be built, was disposed,
/// the event could not be encoded); the receiver loses no event and sends no dead letter twice for those either.
/// </summary>
public sealed class KafkaDeadLetterProducerFailureTests
{
    private const int DeadLetterFailed = 3010;
    private const int DeliveryDeadLetterFailed = 3012;

    [Fact]
    public async Task A_batch_whose_reject_could_not_be_dead_lettered_for_any_reason_is_read_again()
    {
        await using var harness = new ReceiverHarness("dead-letter-producer-unavailable");
        using (var producer = KafkaClients.Producer(harness.Broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, ReceiverHarness.Topic, [("k", TestTopics.Json("k", 0)), ("k", "{not json"), ("k", TestTopics.Json("k", 2))]);
        }

        await harness.Receiver.Initialize(Poll.DefaultTimeout, CancellationToken.None);

        // The read that meets the reject fails (a read before it may already have returned the first event).
        harness.DeadLetterProducerUnavailable = true;
        var (read, failure) = await harness.ReadUntilFailureAsync();
        Assert.IsType<InvalidOperationException>(failure);
        Assert.Contains(harness.Logger.Entries, e => e.EventId == DeadLetterFailed);

        // The agent keeps reading: the events of the failed read come again instead of being skipped.
        harness.DeadLetterProducerUnavailable = false;
        read.AddRange(await harness.ReadUntilAsync(endOffset: 3));

        Assert.Equal([0L, 2L], read.SelectMany(c => c.Offsets).Order());
        Assert.Equal([0, 2], read.SelectMany(c => c.Events.Cast<TestEvent>()).Select(e => e.Seq).Order());
    }

    [Fact]
    public async Task A_failed_delivery_that_cannot_be_encoded_stays_due_while_the_others_are_dead_lettered_once()
    {
        const string provider = "dead-letter-unencodable";
        using var counters = new KafkaCounterListener();
        await using var harness = new ReceiverHarness(provider, decorateAdapter: adapter => new UnencodableEvent(adapter, Seq: 1));
        var containers = await ReadThreeFailedDeliveriesAsync(harness);

        // The purge report, then two more (any later purge reports again what is still due).
        await harness.DeliverAsync(containers);
        await harness.Receiver.MessagesDeliveredAsync([], CancellationToken.None);
        await harness.Receiver.MessagesDeliveredAsync([], CancellationToken.None);

        using var deadLetters = TestTopics.DeadLetterConsumer(harness.Broker.BootstrapServers);
        var letters = KafkaClients.ConsumeExactly(deadLetters, 2);
        Assert.Equal([0, 2], letters.Select(l => JsonSerializer.Deserialize<TestEvent>(l.Message.Value, JsonSerializerOptions.Web)!.Seq).Order());
        Assert.Empty(KafkaClients.Drain(deadLetters, TimeSpan.FromMilliseconds(500)));
        Assert.Equal(2, counters.Total("smeai.kafka.events.deadlettered", ("provider", provider), ("kind", KafkaDeadLetterHeaders.KindDeliveryFailed)));

        // The event that could not be sent holds the checkpoint back, and each attempt says why it failed.
        Assert.Equal(1, harness.State.CommittedOffset);
        var failures = harness.Logger.Entries.Where(e => e.EventId == DeliveryDeadLetterFailed).ToList();
        Assert.Equal(3, failures.Count);
        Assert.All(failures, e =>
        {
            Assert.Equal(1L, e.Values["Offset"]);
            Assert.Contains(nameof(NotSupportedException), (string)e.Values["Reason"]!, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_release_after_a_dead_letter_could_not_be_sent_commits_what_was_delivered_and_lets_go_of_the_partition()
    {
        const string provider = "dead-letter-unencodable-release";
        await using var harness = new ReceiverHarness(provider, decorateAdapter: adapter => new UnencodableEvent(adapter, Seq: 1));
        var containers = await ReadThreeFailedDeliveriesAsync(harness);

        // The cache purged them when the cursors were disposed; the release reports them.
        harness.PurgeUnreported(containers);
        await harness.Receiver.Shutdown(Poll.DefaultTimeout, CancellationToken.None);

        Assert.Equal(0, harness.Consumer.AssignedCount);
        Assert.Equal(1, TestTopics.CommittedOffsets(harness.Broker.BootstrapServers, provider, ReceiverHarness.Topic, partitions: 1)[0]);
    }

    /// <summary>Three events (seq 0, 1, 2) read whose delivery failed.</summary>
    private static async Task<List<KafkaBatchContainer>> ReadThreeFailedDeliveriesAsync(ReceiverHarness harness)
    {
        using (var producer = KafkaClients.Producer(harness.Broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, ReceiverHarness.Topic, [.. Enumerable.Range(0, 3).Select(seq => ("k", TestTopics.Json("k", seq)))]);
        }

        await harness.Receiver.Initialize(Poll.DefaultTimeout, CancellationToken.None);
        var containers = await harness.ReadUntilAsync(endOffset: 3);
        foreach (var container in containers)
        {
            harness.State.FailedDeliveries.Add(container);
        }

        return containers;
    }

    /// <summary>A data adapter that cannot encode the event with sequence number <paramref name="Seq"/>.</summary>
    private sealed record UnencodableEvent(IKafkaDataAdapter Inner, int Seq) : IKafkaDataAdapter
    {
        public KafkaDecodeResult Decode(ConsumeResult<byte[], byte[]> message) => Inner.Decode(message);

        public byte[] Encode(string topic, object payload) =>
            payload is TestEvent { Seq: var seq } && seq == Seq ? throw new NotSupportedException("the test cannot encode it") : Inner.Encode(topic, payload);
    }
}
