using System.Globalization;
using System.Text;
using System.Text.Json;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Provider;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// Events whose delivery failed go to the dead-letter topic when the cache purges them; while the dead-letter topic
/// refuses them they are kept, tried again, and the checkpoint stays before them.
/// </summary>
public sealed class KafkaFailedDeliveryDeadLetterTests
{
    private const int DeadLettered = 3005;
    private const int DeadLetterFailed = 3012;

    [Fact]
    public async Task Failed_deliveries_refused_by_the_dead_letter_topic_are_retried_and_hold_the_checkpoint_until_taken()
    {
        const string provider = "failed-delivery-retry";
        using var counters = new KafkaCounterListener();
        await using var harness = new ReceiverHarness(provider);
        await PurgeThreeFailedDeliveriesWhileTheTopicRefusesAsync(harness);
        await harness.Receiver.MessagesDeliveredAsync([], CancellationToken.None);

        Assert.Equal(0, harness.State.CommittedOffset);
        Assert.DoesNotContain(harness.Logger.Entries, e => e.EventId == DeadLettered);
        Assert.Equal(6, harness.Logger.Entries.Count(e => e.EventId == DeadLetterFailed));
        Assert.Equal(0, DeadLetterCount(counters, provider));

        // The topic takes them again: the next report (any purge) dead-letters them and the checkpoint moves past them.
        harness.DeadLetterTopicRefuses = false;
        await harness.Receiver.MessagesDeliveredAsync([], CancellationToken.None);

        Assert.Equal(3, harness.State.CommittedOffset);
        Assert.Empty(harness.State.FailedDeliveries);
        Assert.Equal([0L, 1L, 2L], harness.Logger.Entries.Where(e => e.EventId == DeadLettered).Select(e => (long)e.Values["Offset"]!).Order());
        Assert.Equal(3, DeadLetterCount(counters, provider));
        using var deadLetters = TestTopics.DeadLetterConsumer(harness.Broker.BootstrapServers);
        var letters = KafkaClients.ConsumeExactly(deadLetters, 3);
        Assert.Equal([0, 1, 2], letters.Select(l => JsonSerializer.Deserialize<TestEvent>(l.Message.Value, JsonSerializerOptions.Web)!.Seq).Order());

        // Nothing is sent twice.
        await harness.Receiver.MessagesDeliveredAsync([], CancellationToken.None);
        Assert.Empty(KafkaClients.Drain(deadLetters, TimeSpan.FromMilliseconds(500)));
        Assert.Equal(3, DeadLetterCount(counters, provider));
    }

    [Fact]
    public async Task Refused_dead_letters_are_retried_by_a_read_that_finds_the_partition_quiet()
    {
        const string provider = "failed-delivery-idle-retry";
        using var counters = new KafkaCounterListener();
        await using var harness = new ReceiverHarness(provider);
        await PurgeThreeFailedDeliveriesWhileTheTopicRefusesAsync(harness);
        Assert.Equal(0, DeadLetterCount(counters, provider));

        // No purge follows (no new event): the agent's reads of the quiet partition, every few ms, are the only chance
        // to retry. While the topic still refuses, they retry about once a second (each retry logs the three again),
        // not at every read, and the checkpoint stays before the three.
        // Read until two retries failed, however slow the machine: a retry at every read would get there in two reads.
        var refusing = System.Diagnostics.Stopwatch.StartNew();
        var idleReads = 0;
        var retried = DateTime.UtcNow + Poll.DefaultTimeout;
        while (FailedAttemptLogs(harness) / 3 < 2)
        {
            Assert.True(DateTime.UtcNow < retried, "idle reads retried the dead letters fewer than twice");
            Assert.Empty(await harness.Receiver.GetQueueMessagesAsync(100, CancellationToken.None));
            idleReads++;
            await Task.Delay(20);
        }

        var attempts = FailedAttemptLogs(harness) / 3;
        Assert.InRange(attempts, 2, 2 + (int)refusing.Elapsed.TotalSeconds);
        Assert.True(idleReads > attempts, $"{idleReads} idle reads, {attempts} attempts");
        Assert.Equal(0, harness.State.CommittedOffset);
        Assert.Equal(0, DeadLetterCount(counters, provider));

        harness.DeadLetterTopicRefuses = false;
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        while (harness.State.CommittedOffset < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "idle reads never retried the dead letters");
            Assert.Empty(await harness.Receiver.GetQueueMessagesAsync(100, CancellationToken.None));
            await Task.Delay(20);
        }

        Assert.Equal(3, harness.State.CommittedOffset);
        Assert.Empty(harness.State.FailedDeliveries);
        Assert.Equal(3, DeadLetterCount(counters, provider));
        using var deadLetters = TestTopics.DeadLetterConsumer(harness.Broker.BootstrapServers);
        Assert.Equal([0, 1, 2], KafkaClients.ConsumeExactly(deadLetters, 3).Select(l => JsonSerializer.Deserialize<TestEvent>(l.Message.Value, JsonSerializerOptions.Web)!.Seq).Order());
    }

    [Fact]
    public async Task A_failed_delivery_is_dead_lettered_as_consumed_so_it_can_be_replayed()
    {
        // Not as the data adapter would write it: the silo's adapter pseudonymises ids, so a re-encoded letter replayed
        // into the input topic would land on another entity.
        string[] consumed = ["{ \"seq\": 0, \"key\": \"k\" }", "{\"Key\":\"k\",\"Seq\":1,\"note\":\"extra\"}"];
        await using var harness = new ReceiverHarness("failed-delivery-as-consumed", options => options.CheckpointDelay = TimeSpan.FromSeconds(10));
        using (var producer = KafkaClients.Producer(harness.Broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, ReceiverHarness.Topic, [.. consumed.Select(value => ("k", value))]);
        }

        await harness.Receiver.Initialize(Poll.DefaultTimeout, CancellationToken.None);
        var containers = await harness.ReadUntilAsync(endOffset: 2);
        foreach (var container in containers)
        {
            harness.State.RecordFailedDelivery(container);
        }

        await harness.DeliverAsync(containers);

        using var deadLetters = TestTopics.DeadLetterConsumer(harness.Broker.BootstrapServers);
        var letters = KafkaClients.ConsumeExactly(deadLetters, 2)
            .OrderBy(l => long.Parse(Encoding.UTF8.GetString(l.Message.Headers.GetLastBytes(KafkaDeadLetterHeaders.SourceOffset)), CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(consumed, letters.Select(l => l.Message.Value));
        Assert.All(letters, l => Assert.Equal("k", l.Message.Key));
    }

    /// <summary>Three events read, their delivery failed, and the cache purged them while the dead-letter topic refuses them.</summary>
    private static async Task PurgeThreeFailedDeliveriesWhileTheTopicRefusesAsync(ReceiverHarness harness)
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

        harness.DeadLetterTopicRefuses = true;
        await harness.DeliverAsync(containers);
    }

    private static int FailedAttemptLogs(ReceiverHarness harness) => harness.Logger.Entries.Count(e => e.EventId == DeadLetterFailed);

    private static long DeadLetterCount(KafkaCounterListener counters, string provider) =>
        counters.Total("smeai.kafka.events.deadlettered", ("provider", provider), ("kind", KafkaDeadLetterHeaders.KindDeliveryFailed));
}
