using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Data;
using SmeAi.Streaming.Kafka.Diagnostics;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Provider;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// One partition's receiver driven by the test in place of the pulling agent, on its own embedded broker, with a
/// dead-letter producer the test can make refuse every message. It stands in for the queue cache too: what it read is
/// held (and holds the checkpoint back) until the test reports it delivered with <see cref="DeliverAsync"/>.
/// </summary>
internal sealed class ReceiverHarness : IAsyncDisposable
{
    public const string Topic = "receiver-events";

    private readonly IProducer<byte[], byte[]> _deadLetterProducer;
    private readonly IProducer<byte[], byte[]> _refusingProducer = RefusingProducer.Create();
    private readonly KafkaStreamMetrics _metrics;
    private readonly List<KafkaBatchContainer> _held = [];

    /// <param name="decorateAdapter">Wraps the JSON data adapter, to make it misbehave.</param>
    public ReceiverHarness(string provider, Action<KafkaStreamOptions>? configure = null, Func<IKafkaDataAdapter, IKafkaDataAdapter>? decorateAdapter = null)
    {
        Provider = provider;
        Broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = Topic, Partitions = 1 }, new EmbeddedKafkaTopicOptions { Name = TestTopics.DeadLetter, Partitions = 1 } },
        });
        var options = new KafkaStreamOptions();
        TestTopics.Configure(options, Broker.BootstrapServers, provider);
        options.AddTopic<TestEvent>(Topic, TestNamespaces.Events);
        configure?.Invoke(options);

        var registry = new KafkaQueueRegistry();
        State = new KafkaQueueState(QueueId.GetQueueId(Topic, 0, 0), Topic, 0, options.MaxCachedMessagesPerQueue);
        registry.Register(State);
        State.OldestCachedOffset = () => _held.Count > 0 ? _held.Min(c => c.FirstOffset) : null;
        _metrics = new KafkaStreamMetrics(provider, registry, meterFactory: null);
        _deadLetterProducer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, $"{provider}-dead-letters")).Build();
        var deadLetters = new KafkaDeadLetterPublisher(DeadLetterProducer, options.DeadLetterTopic, _metrics);
        IKafkaDataAdapter adapter = new KafkaJsonDataAdapter(options, new ServiceCollection().BuildServiceProvider());
        adapter = decorateAdapter?.Invoke(adapter) ?? adapter;
        Consumer = new KafkaSharedConsumer(options, $"{provider}-receiver", partitionCount: 1, Logger);
        Receiver = new KafkaQueueAdapterReceiver(options, State, Consumer, adapter, deadLetters, _metrics, registry, Logger);
    }

    public string Provider { get; }

    public EmbeddedKafkaBroker Broker { get; }

    public KafkaQueueState State { get; }

    public KafkaQueueAdapterReceiver Receiver { get; }

    /// <summary>The consumer the receiver reads through; closed once the receiver released its partition.</summary>
    public KafkaSharedConsumer Consumer { get; }

    public ListLogger<KafkaQueueAdapterReceiver> Logger { get; } = new();

    /// <summary>While true, every dead letter fails to be produced.</summary>
    public bool DeadLetterTopicRefuses { get; set; }

    /// <summary>While true, asking for the dead-letter producer throws, as a producer that could not be built does.</summary>
    public bool DeadLetterProducerUnavailable { get; set; }

    /// <summary>Reads until the returned containers hold every offset below <paramref name="endOffset"/>, or throws on the first read that fails.</summary>
    public async Task<List<KafkaBatchContainer>> ReadUntilAsync(long endOffset)
    {
        var containers = new List<KafkaBatchContainer>();
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        while (!containers.Any(c => c.LastOffset >= endOffset - 1))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the receiver never read up to offset {endOffset}");
            var read = await Receiver.GetQueueMessagesAsync(100, CancellationToken.None);
            containers.AddRange(read.Cast<KafkaBatchContainer>());
            _held.AddRange(read.Cast<KafkaBatchContainer>());
            if (read.Count == 0)
            {
                await Task.Delay(20);
            }
        }

        return containers;
    }

    /// <summary>
    /// Reads until a read fails, as the agent does; returns the failure and what the reads before it returned (librdkafka
    /// may hand out the first messages before it fetched the one that fails the read).
    /// </summary>
    public async Task<(List<KafkaBatchContainer> ReadBefore, Exception Failure)> ReadUntilFailureAsync()
    {
        var containers = new List<KafkaBatchContainer>();
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, "no read failed");
            IList<IBatchContainer> read;
            try
            {
                read = await Receiver.GetQueueMessagesAsync(100, CancellationToken.None);
            }
            catch (Exception ex)
            {
                return (containers, ex);
            }

            containers.AddRange(read.Cast<KafkaBatchContainer>());
            _held.AddRange(read.Cast<KafkaBatchContainer>());
            if (read.Count == 0)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Reports <paramref name="containers"/> delivered, as the agent does when its cache purges them.</summary>
    public Task DeliverAsync(IReadOnlyList<KafkaBatchContainer> containers)
    {
        _held.RemoveAll(containers.Contains);
        return Receiver.MessagesDeliveredAsync([.. containers], CancellationToken.None);
    }

    /// <summary>Lets go of <paramref name="containers"/> as the cache does when it purges them at shutdown, unreported.</summary>
    public void PurgeUnreported(IReadOnlyList<KafkaBatchContainer> containers)
    {
        _held.RemoveAll(containers.Contains);
        State.UnreportedDeliveries.AddRange(containers);
    }

    private IProducer<byte[], byte[]> DeadLetterProducer()
    {
        if (DeadLetterProducerUnavailable)
        {
            throw new InvalidOperationException("the test's dead-letter producer could not be built");
        }

        return DeadLetterTopicRefuses ? _refusingProducer : _deadLetterProducer;
    }

    public async ValueTask DisposeAsync()
    {
        await Receiver.Shutdown(Poll.DefaultTimeout, CancellationToken.None);
        Consumer.Dispose();
        _deadLetterProducer.Dispose();
        _metrics.Dispose();
        Broker.Dispose();
    }
}
