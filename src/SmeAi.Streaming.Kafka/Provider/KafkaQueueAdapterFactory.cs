using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Cache;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Diagnostics;
using SmeAi.Streaming.Kafka.Configuration;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>Builds the Kafka provider's adapter, queue mapper, cache and failure handler for one provider name.</summary>
internal sealed partial class KafkaQueueAdapterFactory : IQueueAdapterFactory, IDisposable
{
    private readonly string _name;
    private readonly KafkaStreamOptions _options;
    private readonly IKafkaDataAdapter _dataAdapter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly KafkaQueueRegistry _registry = new();
    private readonly KafkaStreamMetrics _metrics;
    private readonly KafkaDeadLetterPublisher _deadLetters;
    private readonly KafkaDeliveryFailureHandler _failureHandler;
    private IProducer<byte[], byte[]>? _producer;
    private readonly Lazy<KafkaStreamQueueMapper> _mapper;
    private KafkaQueueAdapterCache? _cache;
    private KafkaSharedConsumer[]? _consumers;

    public KafkaQueueAdapterFactory(
        string name, KafkaStreamOptions options, IKafkaDataAdapter dataAdapter, ILoggerFactory loggerFactory, IMeterFactory? meterFactory)
    {
        _name = name;
        _options = options;
        _dataAdapter = dataAdapter;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<KafkaQueueAdapterFactory>();
        _metrics = new KafkaStreamMetrics(name, _registry, meterFactory);
        _deadLetters = new KafkaDeadLetterPublisher(Producer, options.DeadLetterTopic, _metrics);
        _failureHandler = new KafkaDeliveryFailureHandler(loggerFactory.CreateLogger<KafkaDeliveryFailureHandler>());
        _mapper = new(() =>
        {
            var partitions = KafkaTopology.Discover(options, $"{name}-metadata");
            LogTopology(_logger, name, options.BootstrapServers, partitions);

            return new KafkaStreamQueueMapper(options, partitions);
        });
    }

    /// <summary>Creates the factory of provider <paramref name="name"/> from its named options and services.</summary>
    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetOptionsByName<KafkaStreamOptions>(name);
        var pullingAgent = services.GetOptionsByName<StreamPullingAgentOptions>(name);
        if (pullingAgent.BatchContainerBatchSize > 1)
        {
            // The cache pins only the container a cursor is on; several in flight at once could be checkpointed undelivered.
            throw new InvalidOperationException(
                $"Kafka stream provider '{name}' needs StreamPullingAgentOptions.BatchContainerBatchSize = 1 (was {pullingAgent.BatchContainerBatchSize}); events of one key are already batched per container.");
        }

        var dataAdapter = services.GetKeyedService<IKafkaDataAdapter>(name) ?? new KafkaJsonDataAdapter(options, services);
        return new KafkaQueueAdapterFactory(
            name, options, dataAdapter, services.GetRequiredService<ILoggerFactory>(), services.GetService<IMeterFactory>());
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        // Topic metadata is a blocking network call: resolve it here, off the scheduler, before the mapper is asked for.
        var mapper = await Task.Run(() => _mapper.Value, cancellationToken).ConfigureAwait(false);

        // Built now, so that settings librdkafka refuses for a producer (ClientSettings apply to every client) fail the
        // start instead of every later dead letter, whose failures would only rewind the partitions again and again.
        _producer ??= CreateProducer();

        // Here, at the start of the silo's lifecycle, rather than in the constructor: the provider can be built before the
        // host's metrics listener (OpenTelemetry's, a hosted service) listens, and a measurement taken then is not seen.
        _metrics.ReportZeroCounts(_options.Topics.Keys);
        _consumers ??= CreateConsumers(mapper.GetAllQueues().Count());
        return new KafkaQueueAdapter(_name, _options, mapper, _registry, _dataAdapter, Producer, _consumers, _deadLetters, _metrics, _loggerFactory);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache ??= new KafkaQueueAdapterCache(_options, _mapper.Value, _registry, _loggerFactory);

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper.Value;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(_failureHandler);

    public void Dispose()
    {
        foreach (var consumer in _consumers ?? [])
        {
            consumer.Dispose();
        }

        if (_producer is { } producer)
        {
            producer.Flush(_options.OperationTimeout);
            producer.Dispose();
        }

        _metrics.Dispose();
    }

    private IProducer<byte[], byte[]> Producer() =>
        _producer ?? throw new InvalidOperationException($"Kafka stream provider '{_name}' has no producer before its adapter is created.");

    private IProducer<byte[], byte[]> CreateProducer()
    {
        try
        {
            return new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(_options, $"{_name}-producer")).SetLogHandler((_, _) => { }).Build();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KafkaException)
        {
            throw new InvalidOperationException(
                $"Kafka stream provider '{_name}' cannot create its producer (dead letters, events produced to streams): {ex.Message.TrimEnd('.')}. Its ClientSettings apply to producers too.", ex);
        }
    }

    private KafkaSharedConsumer[] CreateConsumers(int partitions)
    {
        var count = _options.ConsumersPerSilo;
        var logger = _loggerFactory.CreateLogger<KafkaSharedConsumer>();
        return [.. Enumerable.Range(0, count).Select(i =>
            new KafkaSharedConsumer(_options, $"{_name}-consumer-{i}", (partitions + count - 1) / count, logger))];
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information,
        Message = "Kafka stream provider {Provider} reads partitions {Partitions} (topic: count) from {BootstrapServers}")]
    private static partial void LogTopology(ILogger logger, string provider, string bootstrapServers, IReadOnlyDictionary<string, int> partitions);
}
