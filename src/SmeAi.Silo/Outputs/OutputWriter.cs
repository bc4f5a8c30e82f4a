using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Outputs;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// Drains <see cref="OutputQueue"/>: every record goes to its Kafka output topic; alerts are also handed to the
/// <see cref="AlertStoreQueue"/> (raises and clears, for <c>GET /api/alerts</c>), which stores them on its own loop, and
/// pushed to the dashboard's Orleans stream. Registered before Orleans so it stops after the silo, writing out what
/// deactivating grains queued last, then giving the store its last attempt.
/// </summary>
internal sealed partial class OutputWriter : BackgroundService
{
    private const int MaxBatch = 512;

    /// <summary>
    /// How long an erasure waits, after Kafka's acknowledgement, for the store to take the entity's alerts: well inside
    /// the grain call's 30 s response timeout, so the caller hears that the store is down, not that the call timed out.
    /// </summary>
    internal static readonly TimeSpan AlertStoreWait = TimeSpan.FromSeconds(15);

    private readonly OutputQueue _queue;
    private readonly AlertStoreQueue _store;
    private readonly IServiceProvider _services;
    private readonly OutputMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<OutputWriter> _logger;
    private readonly AcknowledgementTracker _acknowledgements = new();
    private readonly OutputProducer _producer;
    private IAsyncStream<Alert>? _alertStream;

    // The delivery handler of the open epoch: records between two barriers share one instead of a closure each.
    private AcknowledgementTracker.Epoch? _handlerEpoch;
    private Action<DeliveryReport<string, byte[]>>? _handler;

    // Output topics with any partition (the key decides), made once: producing by topic name allocates one per record.
    private readonly Dictionary<string, TopicPartition> _topics = new(StringComparer.Ordinal);

    public OutputWriter(
        OutputQueue queue,
        IAlertStore store,
        IOptionsMonitor<KafkaStreamOptions> kafka,
        IOptions<OutputOptions> options,
        IServiceProvider services,
        OutputMetrics metrics,
        TimeProvider time,
        ILogger<OutputWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(options);
        _queue = queue;
        _store = new AlertStoreQueue(store, options.Value.AlertStoreQueueCapacity, metrics, time, logger);
        _services = services;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _producer = new OutputProducer(OutputProducerConfig.Create(kafka.Get(StreamNames.KafkaProvider), options.Value), _acknowledgements, metrics, logger);
    }

    /// <summary>The librdkafka client in use, for tests that fail it.</summary>
    internal IClient Producer => _producer.Client;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _store.Start();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        await base.StopAsync(cancellationToken);
        var undelivered = _producer.Flush(TimeSpan.FromSeconds(10));
        if (undelivered > 0)
        {
            LogUndeliveredAtStop(undelivered);
        }

        // Last, once the drain handed over every alert: each still waiting for the store gets one more attempt.
        await _store.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _producer.Dispose();
        _store.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var alerts = new List<Alert>();
        var barriers = new List<OutputItem>();
        // Not stoppingToken: on shutdown the queue is completed and drained, so nothing a grain handed over is dropped.
        while (await _queue.WaitToReadAsync())
        {
            alerts.Clear();
            barriers.Clear();
            for (var count = 0; count < MaxBatch && _queue.TryTake(out var item); count++)
            {
                if (item.Barrier is not null)
                {
                    barriers.Add(item);
                    continue;
                }

                await ProduceAsync(item);
                if (item.Alert is { } alert)
                {
                    alerts.Add(alert);
                    _metrics.Alert(alert);
                }
            }

            if (alerts.Count > 0)
            {
                // Raises and clears; never waits, so a failing database holds up neither Kafka nor the barriers.
                _store.Add(alerts.Where(a => a.Status is Alert.StatusOpen or Alert.StatusCleared));
                await PushToDashboardAsync(alerts);
            }

            // A barrier completes once Kafka acknowledged everything produced before it (the writer goes on meanwhile).
            // An erasure's waits for the store too, for the alerts handed over above included: it deletes the entity's
            // stored alerts once its barrier completes, so an alert stored later would outlive it.
            foreach (var barrier in barriers)
            {
                _acknowledgements.AddBarrier(barrier.ThroughAlertStore ? AfterStored(barrier.Barrier!) : barrier.Barrier!);
            }
        }
    }

    private async ValueTask ProduceAsync(OutputItem item)
    {
        var epoch = _acknowledgements.Sending();
        var handler = HandlerFor(epoch);
        var topic = TopicOf(item.Topic);
        var message = new Message<string, byte[]> { Key = item.Key, Value = item.Value };
        if (await _producer.ProduceAsync(topic, message, handler) is { } refusal)
        {
            _metrics.Failed(item.Topic);
            LogProduceFailed(item.Topic, refusal.Reason);
            _acknowledgements.Acknowledged(epoch, failed: true);
        }
    }

    private Action<DeliveryReport<string, byte[]>> HandlerFor(AcknowledgementTracker.Epoch epoch)
    {
        if (!ReferenceEquals(epoch, _handlerEpoch))
        {
            _handlerEpoch = epoch;
            _handler = report => Delivered(epoch, report);
        }

        return _handler!;
    }

    private TopicPartition TopicOf(string topic)
    {
        if (!_topics.TryGetValue(topic, out var partition))
        {
            partition = new TopicPartition(topic, Partition.Any);
            _topics.Add(topic, partition);
        }

        return partition;
    }

    private void Delivered(AcknowledgementTracker.Epoch epoch, DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            _metrics.Failed(report.Topic);
            LogProduceFailed(report.Topic, report.Error.Reason);
        }

        _acknowledgements.Acknowledged(epoch, report.Error.IsError);
    }

    /// <summary>
    /// A barrier for the tracker that, once Kafka has acknowledged, completes <paramref name="barrier"/> when the store has
    /// also handled every alert handed to it so far (stored, or given up on); a Kafka failure fails it as any barrier, and
    /// a store that takes longer than <see cref="AlertStoreWait"/> with <see cref="AlertStoreUnavailableException"/>.
    /// </summary>
    private TaskCompletionSource AfterStored(TaskCompletionSource barrier)
    {
        var handled = _store.HandledAsync();
        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = CompleteAsync();
        return acknowledged;

        async Task CompleteAsync()
        {
            try
            {
                await acknowledged.Task;
                try
                {
                    await handled.WaitAsync(AlertStoreWait, _time);
                }
                catch (TimeoutException ex)
                {
                    throw new AlertStoreUnavailableException(
                        $"The alert store did not take the alerts queued before this point within {AlertStoreWait}: its database is unavailable, and the store keeps retrying.", ex);
                }

                barrier.TrySetResult();
            }
            catch (Exception ex)
            {
                barrier.TrySetException(ex);
            }
        }
    }

    private async Task PushToDashboardAsync(List<Alert> alerts)
    {
        try
        {
            _alertStream ??= _services.GetRequiredService<IClusterClient>()
                .GetStreamProvider(StreamNames.AlertProvider)
                .GetStream<Alert>(StreamId.Create(StreamNames.Alerts, StreamNames.AllAlertsKey));
            foreach (var alert in alerts)
            {
                await _alertStream.OnNextAsync(alert);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The live feed is best effort (the alerts are on the topic and in the store); a stopping silo lands here.
            LogDashboardPushFailed(ex, alerts.Count);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Kafka refused an output record for {Topic}: {Reason}")]
    private partial void LogProduceFailed(string topic, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Stopping with {Count} output records Kafka has not acknowledged after 10 s; they go with the producer")]
    private partial void LogUndeliveredAtStop(int count);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Pushing {Count} alerts to the dashboard stream failed")]
    private partial void LogDashboardPushFailed(Exception exception, int count);
}
