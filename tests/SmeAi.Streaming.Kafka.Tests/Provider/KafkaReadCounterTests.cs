using Confluent.Kafka;
using SmeAi.Streaming.Kafka.Provider;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary><c>smeai.kafka.events.read</c> counts each message once, also when a failed dead letter made the receiver read it again.</summary>
public sealed class KafkaReadCounterTests
{
    [Fact]
    public async Task Messages_re_read_after_a_failed_dead_letter_are_counted_once()
    {
        const string provider = "read-counter-rewind";
        using var counters = new KafkaCounterListener();
        // With a checkpoint delay the receiver also writes each container's bytes for the replay window.
        await using var harness = new ReceiverHarness(provider, options => options.CheckpointDelay = TimeSpan.FromSeconds(10));
        using (var producer = KafkaClients.Producer(harness.Broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, ReceiverHarness.Topic, [("k", TestTopics.Json("k", 0)), ("k", "{not json"), ("k", TestTopics.Json("k", 1))]);
        }

        await harness.Receiver.Initialize(Poll.DefaultTimeout, CancellationToken.None);

        // The reject cannot be dead-lettered: the read that met it fails and the receiver rewinds to re-read its batch.
        harness.DeadLetterTopicRefuses = true;
        var (readBefore, failure) = await harness.ReadUntilFailureAsync();
        Assert.IsType<ProduceException<byte[], byte[]>>(failure);
        Assert.Contains(harness.Logger.Entries, e => e.EventId == 3010);

        harness.DeadLetterTopicRefuses = false;
        var containers = await harness.ReadUntilAsync(endOffset: 3);

        // Only the containers returned hold records: the failed read's were dropped before any was written.
        Assert.Equal(readBefore.Count + containers.Count, harness.State.RawLog.LiveRecords);

        Assert.Equal(3, counters.Total("smeai.kafka.events.read", ("provider", provider)));
        Assert.Equal(1, counters.Total("smeai.kafka.events.deadlettered", ("provider", provider), ("kind", KafkaDeadLetterHeaders.KindRejected)));
    }
}
