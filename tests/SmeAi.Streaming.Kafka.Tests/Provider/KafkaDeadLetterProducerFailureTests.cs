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
        var read = new List<KafkaBatchContainer>();
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        Exception? failure = null;
        while (failure is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no read met the reject");
            try
            {
                read.AddRange((await harness.Receiver.GetQueueMessagesAsync(100, CancellationToken.None)).Cast<KafkaBatchContainer>());
                await Task.Delay(20);
            }
            catch (InvalidOperationException ex)
            {
                failure = ex;
            }
        }

        Assert.Contains(harness.Logger.Entries, e => e.EventId == DeadLetterFailed);

        // The agent keeps reading: the events of the failed read come again instead of being skipped.
        harness.DeadLetterProducerUnavailable = false;
        read.AddRange(await harness.ReadUntilAsync(endOffset: 3));

        Assert.Equal([0L, 2L], read.SelectMany(c => c.Offsets).Order());
        Assert.Equal([0, 2], read.SelectMany(c => c.Events.Cast<TestEvent>()).Select(e => e.Seq).Order());
    }
}
