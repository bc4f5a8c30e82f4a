using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// <c>smeai.kafka.consumer.lag</c> counts a partition whose group has not committed yet from the first offset read:
/// a fresh group starting on a backlog has all of it ahead, and reported no lag at all until its first checkpoint.
/// </summary>
public sealed class KafkaLagBeforeCheckpointTests
{
    private const string Lag = "smeai.kafka.consumer.lag";

    [Fact]
    public async Task A_fresh_group_on_a_backlog_reports_the_backlog_before_its_first_checkpoint()
    {
        const string provider = "lag-before-checkpoint";
        const int backlog = 300;
        using var meters = new KafkaCounterListener();
        // No checkpoint within the test: a checkpoint waits an hour, and nothing read is reported delivered.
        await using var harness = new ReceiverHarness(provider, options => options.CheckpointDelay = TimeSpan.FromHours(1));
        using (var producer = KafkaClients.Producer(harness.Broker.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, ReceiverHarness.Topic, [.. Enumerable.Range(0, backlog).Select(i => ("k", TestTopics.Json("k", i)))]);
        }

        await harness.Receiver.Initialize(Poll.DefaultTimeout, CancellationToken.None);
        await harness.ReadUntilAsync(endOffset: 1);

        meters.RecordGauges();
        Assert.Equal(backlog, meters.Total(Lag, ("provider", provider)));
    }
}
