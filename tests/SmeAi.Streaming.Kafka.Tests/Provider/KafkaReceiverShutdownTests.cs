using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// The pulling agent's calls interleave with a receiver's shutdown (each yields while it waits on Kafka); none of them
/// may leave the partition assigned with nothing reading it.
/// </summary>
public sealed class KafkaReceiverShutdownTests
{
    [Fact]
    public async Task A_shutdown_while_the_partition_is_being_assigned_leaves_it_unassigned()
    {
        await using var harness = new ReceiverHarness("shutdown-while-attaching");

        // The assignment waits for the group coordinator's committed offset, so the shutdown comes first.
        var initialize = harness.Receiver.Initialize(Poll.DefaultTimeout, CancellationToken.None);
        await harness.Receiver.Shutdown(Poll.DefaultTimeout, CancellationToken.None);
        await initialize;

        Assert.Equal(0, harness.Consumer.AssignedCount);
    }

    [Fact]
    public async Task After_a_shutdown_a_read_neither_assigns_the_partition_again_nor_returns_messages()
    {
        await using var harness = new ReceiverHarness("read-after-shutdown");
        using (var producer = KafkaClients.Producer(harness.Broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, ReceiverHarness.Topic, [("k", TestTopics.Json("k", 0)), ("k", TestTopics.Json("k", 1))]);
        }

        await harness.Receiver.Initialize(Poll.DefaultTimeout, CancellationToken.None);
        Assert.Equal(1, harness.Consumer.AssignedCount);
        await harness.Receiver.Shutdown(Poll.DefaultTimeout, CancellationToken.None);

        // A read the agent had already begun (say, while a dead letter was being sent) comes after the shutdown.
        var read = await harness.Receiver.GetQueueMessagesAsync(100, CancellationToken.None);

        Assert.Empty(read);
        Assert.Equal(0, harness.Consumer.AssignedCount);
    }
}
