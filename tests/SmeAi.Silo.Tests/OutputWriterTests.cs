using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Outputs;
using SmeAi.Silo.Outputs;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Silo.Tests;

/// <summary>The writer against a real (embedded) broker: what a grain's flush waits for.</summary>
public sealed class OutputWriterTests : IAsyncLifetime
{
    private static readonly string AlertTopic = AlertDomains.TopicOf(AlertDomains.Equipment);
    private readonly EmbeddedKafkaBroker _broker;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ControllableAlertStore _store = new();
    private readonly FakeTimeProvider _time = new();
    private readonly OutputQueue _queue = new(Options.Create(new OutputOptions()));
    private readonly OutputWriter _writer;

    public OutputWriterTests()
    {
        var broker = new EmbeddedKafkaBrokerOptions { DefaultPartitions = 1 };
        broker.Topics.Add(new EmbeddedKafkaTopicOptions { Name = AlertTopic });
        broker.Topics.Add(new EmbeddedKafkaTopicOptions { Name = TopicNames.Scores });
        _broker = new EmbeddedKafkaBroker(broker);
        var kafka = SiloKafkaOptions.Resolve(new() { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        // No cluster client here: the dashboard push, which is best effort, fails and is logged.
        _writer = new OutputWriter(
            _queue, _store, new FixedOptionsMonitor<KafkaStreamOptions>(kafka), Options.Create(new OutputOptions()), _services,
            new OutputMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), _time, NullLogger<OutputWriter>.Instance);
    }

    public Task InitializeAsync() => _writer.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        _store.FailWith = null;
        _store.Open();
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
        await _services.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task An_erasure_flush_completes_only_once_the_alerts_queued_before_it_are_stored_as_well_as_on_kafka()
    {
        // An erasure flushes, then deletes the entity's stored alerts: an alert stored after the flush would survive it.
        await _queue.PublishAlertAsync(OpenAlert("a-1"));
        var flush = _queue.FlushThroughAlertStoreAsync().AsTask();

        await _store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilOnTopicAsync(AlertTopic, 1);
        await Task.WhenAny(flush, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(flush.IsCompleted, "the erasure's flush completed while the alert before it was still being stored");

        _store.Open();
        await flush.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("a-1", Assert.Single(_store.Stored).AlertId);
    }

    [Fact]
    public async Task An_erasure_flush_fails_naming_the_alert_store_when_the_store_does_not_take_the_alerts_in_time()
    {
        // The store is never opened: its write hangs, as on a database that stopped answering.
        await _queue.PublishAlertAsync(OpenAlert("a-1"));
        var flush = _queue.FlushThroughAlertStoreAsync().AsTask();
        await _store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilOnTopicAsync(AlertTopic, 1);

        // Kafka's acknowledgement starts the wait for the store on the writer's clock: move it on until the wait ends.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!flush.IsCompleted && DateTime.UtcNow < deadline)
        {
            _time.Advance(OutputWriter.AlertStoreWait);
            await Task.WhenAny(flush, Task.Delay(TimeSpan.FromMilliseconds(100)));
        }

        // Not KafkaOutputException: the caller (an erasure) is told the database is down, not that Kafka is.
        await Assert.ThrowsAsync<AlertStoreUnavailableException>(() => flush);
        Assert.Empty(_store.Stored);
    }

    [Fact]
    public async Task A_store_that_hangs_holds_up_neither_later_outputs_nor_state_write_flushes()
    {
        // The store is never opened: its first write hangs, as on a database that stopped answering.
        await _queue.PublishAlertAsync(OpenAlert("a-1"));
        await _store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 20; i++)
        {
            await _queue.PublishScoreAsync(Score(i));
        }

        // Before the fix the drain loop awaited the store, so this flush timed out and no score was produced.
        await _queue.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilOnTopicAsync(TopicNames.Scores, 20);
        Assert.Empty(_store.Stored);
    }

    [Fact]
    public async Task While_the_store_fails_state_write_flushes_complete_and_scores_reach_kafka_and_the_alerts_are_stored_in_order_once_it_recovers()
    {
        _store.FailWith = new InvalidOperationException("test: the database is down");
        _store.Open();
        var raised = OpenAlert("a-1");
        await _queue.PublishAlertAsync(raised);
        await _store.Failed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Before the fix the writer retried the store inside its drain loop (1 + 2 + 3 + 4 s): nothing after the alert
        // was produced meanwhile and every flush waited for it. The fake clock is not advanced, so the retry never comes.
        for (var i = 0; i < 20; i++)
        {
            await _queue.PublishScoreAsync(Score(i));
        }

        await _queue.PublishAlertAsync(raised with { Ts = raised.Ts.AddMinutes(5), Score = 0.2, Status = Alert.StatusCleared });
        await _queue.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilOnTopicAsync(TopicNames.Scores, 20);
        await WaitUntilOnTopicAsync(AlertTopic, 2);
        Assert.Empty(_store.Stored);
        Assert.Equal(1, _store.Failures);

        // The database is back: the next retry stores the raise, then its clear.
        _store.FailWith = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_store.Stored.Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the alerts were not stored after the store recovered");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.Equal([("a-1", Alert.StatusOpen), ("a-1", Alert.StatusCleared)], _store.Stored.Select(a => (a.AlertId, a.Status)));
    }

    [Fact]
    public async Task After_the_producer_fails_for_good_a_new_one_takes_over_and_later_outputs_reach_kafka()
    {
        _store.Open();
        await _queue.PublishAlertAsync(OpenAlert("a-1"));
        await _queue.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var failed = _writer.Producer;

        // As a fenced producer epoch would: from here on that producer refuses every record.
        LibRdKafkaFatalErrors.Trigger(failed, Confluent.Kafka.ErrorCode.InvalidProducerEpoch, "test: the producer's epoch was fenced");
        await _queue.PublishAlertAsync(OpenAlert("a-2"));
        await _queue.FlushThroughAlertStoreAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        await WaitUntilOnTopicAsync(AlertTopic, 2);
        Assert.NotSame(failed, _writer.Producer);
        Assert.Equal(["a-1", "a-2"], _store.Stored.Select(a => a.AlertId));
    }

    [Fact]
    public async Task A_clear_is_stored_after_its_raise()
    {
        // Before the fix the writer passed only raises to the store, so the stored alert stayed open for good.
        _store.Open();
        var raised = OpenAlert("a-1");
        await _queue.PublishAlertAsync(raised);
        await _queue.PublishAlertAsync(raised with { Ts = raised.Ts.AddMinutes(5), Score = 0.2, Status = Alert.StatusCleared });
        await _queue.FlushThroughAlertStoreAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([("a-1", Alert.StatusOpen), ("a-1", Alert.StatusCleared)], _store.Stored.Select(a => (a.AlertId, a.Status)));
    }

    private static Alert OpenAlert(string id) =>
        new(id, AlertDomains.Equipment, "m-1", DateTimeOffset.UtcNow, 0.99, "high", Alert.StatusOpen, "model", 1, [], ["rule"], null);

    private static ScoreRecord Score(int offset) =>
        new(AlertDomains.Equipment, "m-1", DateTimeOffset.UtcNow, 0.5, "model", 1, "medium", false, 0, offset);

    private async Task WaitUntilOnTopicAsync(string topic, long count)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = "output-writer-tests" }).Build();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(5)).High < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} records reached {topic}");
            await Task.Delay(50);
        }
    }
}
