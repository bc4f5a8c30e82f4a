using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
    private readonly GatedAlertStore _store = new();
    private readonly OutputQueue _queue = new(Options.Create(new OutputOptions()));
    private readonly OutputWriter _writer;

    public OutputWriterTests()
    {
        var broker = new EmbeddedKafkaBrokerOptions { DefaultPartitions = 1 };
        broker.Topics.Add(new EmbeddedKafkaTopicOptions { Name = AlertTopic });
        _broker = new EmbeddedKafkaBroker(broker);
        var kafka = SiloKafkaOptions.Resolve(new() { ["Kafka:BootstrapServers"] = _broker.BootstrapServers });
        // No cluster client here: the dashboard push, which is best effort, fails and is logged.
        _writer = new OutputWriter(
            _queue, _store, new FixedOptionsMonitor<KafkaStreamOptions>(kafka), Options.Create(new OutputOptions()), _services,
            new OutputMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<OutputWriter>.Instance);
    }

    public Task InitializeAsync() => _writer.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        _store.Open();
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
        await _services.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task A_flush_completes_only_once_the_alerts_queued_before_it_are_stored_as_well_as_on_kafka()
    {
        // An erasure flushes, then deletes the entity's stored alerts: an alert stored after the flush would survive it.
        await _queue.PublishAlertAsync(new Alert(
            "a-1", AlertDomains.Equipment, "m-1", DateTimeOffset.UtcNow, 0.99, "high", Alert.StatusOpen, "model", 1, [], ["rule"], null));
        var flush = _queue.FlushAsync().AsTask();

        await _store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilOnTopicAsync(1);
        // Kafka has the alert; before the fix the flush completed on that alone, within milliseconds.
        await Task.WhenAny(flush, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(flush.IsCompleted, "the flush completed while the alert before it was still being stored");

        _store.Open();
        await flush.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("a-1", Assert.Single(_store.Stored).AlertId);
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
        await _queue.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        await WaitUntilOnTopicAsync(2);
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
        await _queue.FlushAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([("a-1", Alert.StatusOpen), ("a-1", Alert.StatusCleared)], _store.Stored.Select(a => (a.AlertId, a.Status)));
    }

    private static Alert OpenAlert(string id) =>
        new(id, AlertDomains.Equipment, "m-1", DateTimeOffset.UtcNow, 0.99, "high", Alert.StatusOpen, "model", 1, [], ["rule"], null);

    private async Task WaitUntilOnTopicAsync(long count)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = "output-writer-tests" }).Build();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumer.QueryWatermarkOffsets(new TopicPartition(AlertTopic, 0), TimeSpan.FromSeconds(5)).High < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} records reached {AlertTopic}");
            await Task.Delay(50);
        }
    }

    /// <summary>A store whose writes wait until the test opens it, as a slow or retrying database would.</summary>
    private sealed class GatedAlertStore : IAlertStore
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<Alert> Stored { get; } = [];

        public void Open() => _open.TrySetResult();

        public async Task AddAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await _open.Task;
            Stored.AddRange(alerts);
        }

        public Task<IReadOnlyList<Alert>> QueryAsync(string? domain, DateTimeOffset? since, string? status, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Alert>>(Stored);

        public Task<int> DeleteEntityAsync(string domain, string entityId, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
