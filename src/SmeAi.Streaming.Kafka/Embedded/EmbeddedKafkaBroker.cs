using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmeAi.Streaming.Kafka.Embedded.Interop;

namespace SmeAi.Streaming.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster on loopback, serving real Kafka clients: librdkafka's mock cluster, reached
/// through the same librdkafka file Confluent.Kafka uses. Running once constructed; stopped by disposing.
/// </summary>
/// <remarks>
/// Data lives in memory only. Each partition keeps at most 5 MiB or 100,000 produced batches and drops the
/// oldest beyond that. The Kafka admin CreateTopics call is not supported: create topics through the options
/// or <see cref="CreateTopic"/>. A topic a client asks for before it exists is auto-created by the mock with
/// its own default partition count, so create topics before clients use them.
/// </remarks>
public sealed partial class EmbeddedKafkaBroker : IDisposable, IAsyncDisposable
{
    private const string ClientId = "smeai-embedded-kafka";
    private const int ErrorBufferSize = 512;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly RdKafkaHandle _client;
    private readonly MockClusterHandle _cluster;
    private readonly int _replicationFactor;
    private bool _disposed;

    /// <summary>Starts a broker from configured options, for dependency injection.</summary>
    public EmbeddedKafkaBroker(IOptions<EmbeddedKafkaBrokerOptions> options, ILogger<EmbeddedKafkaBroker> logger)
        : this(options?.Value!, logger)
    {
    }

    /// <summary>Starts a broker and creates the topics listed in <paramref name="options"/>.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each problem.</exception>
    /// <exception cref="DllNotFoundException">librdkafka could not be loaded.</exception>
    /// <exception cref="EntryPointNotFoundException">The loaded librdkafka lacks the mock cluster API.</exception>
    public EmbeddedKafkaBroker(EmbeddedKafkaBrokerOptions options, ILogger<EmbeddedKafkaBroker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new EmbeddedKafkaBrokerOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EmbeddedKafkaBrokerOptions), validation.Failures);
        }

        _logger = logger ?? NullLogger<EmbeddedKafkaBroker>.Instance;
        BrokerCount = options.BrokerCount;

        // Replicas only show in metadata; three is what the mock itself uses for auto-created topics.
        _replicationFactor = Math.Min(3, options.BrokerCount);

        LibRdKafkaLibrary.EnsureLoaded();
        _client = CreateClient(ForwardNativeLog);
        try
        {
            _cluster = LibRdKafkaMock.MockClusterNew(_client, options.BrokerCount);
            if (_cluster.IsInvalid)
            {
                throw new InvalidOperationException(
                    $"librdkafka could not start a mock cluster of {options.BrokerCount} broker(s); see the librdkafka log lines above for the cause.");
            }

            _cluster.KeepOwnerAlive(_client);
            BootstrapServers = LibRdKafkaMock.Bootstraps(_cluster);
            foreach (var topic in options.Topics)
            {
                CreateTopic(topic.Name, options.PartitionsOf(topic));
            }
        }
        catch
        {
            _cluster?.Dispose();
            _client.Dispose();
            throw;
        }

        LogStarted(_logger, BootstrapServers, BrokerCount, LibRdKafkaLibrary.Version, LibRdKafkaLibrary.Path);
    }

    /// <summary>The brokers' loopback addresses as <c>host:port,...</c>, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers in the cluster.</summary>
    public int BrokerCount { get; }

    /// <summary>The topics created through this broker and their partition counts (a snapshot).</summary>
    public IReadOnlyDictionary<string, int> Topics
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_topics, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Creates a topic; safe to call from any thread.</summary>
    /// <returns>True if the topic was created; false if this broker already created it with the same partition count.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid Kafka topic name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitions"/> is outside 1..<see cref="EmbeddedKafkaBrokerOptions.MaxPartitions"/>.</exception>
    /// <exception cref="InvalidOperationException">The topic exists with another partition count, or was auto-created by a client.</exception>
    /// <exception cref="ObjectDisposedException">The broker has been stopped.</exception>
    public bool CreateTopic(string name, int partitions)
    {
        if (KafkaTopicName.Problem(name) is { } problem)
        {
            throw new ArgumentException($"Topic name '{name}' {problem}.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitions, EmbeddedKafkaBrokerOptions.MaxPartitions);

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_topics.TryGetValue(name, out var existing))
            {
                return existing == partitions
                    ? false
                    : throw new InvalidOperationException(
                        $"Topic '{name}' already exists with {existing} partitions; the embedded broker cannot change it to {partitions}.");
            }

            var err = LibRdKafkaMock.MockTopicCreate(_cluster, name, partitions, _replicationFactor);
            if (err == LibRdKafkaMock.ErrTopicAlreadyExists)
            {
                throw new InvalidOperationException(
                    $"Topic '{name}' already exists in the embedded broker at {BootstrapServers}, created by a client that used it "
                    + "before it was created (the mock auto-creates topics with its own partition count). Create topics before clients use them.");
            }

            if (err != 0)
            {
                throw new InvalidOperationException(
                    $"The embedded broker at {BootstrapServers} could not create topic '{name}' with {partitions} partitions: {LibRdKafkaMock.ErrorText(err)} (error {err}).");
            }

            _topics.Add(name, partitions);
        }

        LogTopicCreated(_logger, name, partitions, BootstrapServers);
        return true;
    }

    /// <summary>Stops the brokers: closes their listeners and ends librdkafka's threads. Blocks until done.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // The cluster first: it holds a reference on the client handle, which is destroyed when released.
            _cluster.Dispose();
            _client.Dispose();
        }

        LogStopped(_logger, BootstrapServers);
    }

    /// <summary>Stops the brokers off the caller's thread, since librdkafka's teardown blocks until its threads end.</summary>
    public async ValueTask DisposeAsync() => await Task.Run(Dispose).ConfigureAwait(false);

    private static unsafe RdKafkaHandle CreateClient(LibRdKafkaLog.Sink logSink)
    {
        var errstr = stackalloc byte[ErrorBufferSize];
        var conf = LibRdKafkaMock.ConfNew();
        var sinkHandle = GCHandle.Alloc(logSink);
        var confOwned = true;
        try
        {
            SetConf(conf, "client.id", ClientId, errstr);
            LibRdKafkaMock.ConfSetOpaque(conf, GCHandle.ToIntPtr(sinkHandle));
            LibRdKafkaMock.ConfSetLogCallback(conf, LibRdKafkaLog.Callback);

            var client = LibRdKafkaMock.New(LibRdKafkaMock.ProducerType, conf, errstr, ErrorBufferSize);
            if (client.IsInvalid)
            {
                client.Dispose();
                throw new InvalidOperationException(
                    $"librdkafka could not create the handle the mock cluster needs: {Marshal.PtrToStringUTF8((nint)errstr)}");
            }

            // rd_kafka_new owns the configuration now, and the client owns the log sink.
            confOwned = false;
            client.OwnLogSink(sinkHandle);
            return client;
        }
        catch
        {
            sinkHandle.Free();
            throw;
        }
        finally
        {
            if (confOwned)
            {
                LibRdKafkaMock.ConfDestroy(conf);
            }
        }
    }

    private static unsafe void SetConf(nint conf, string name, string value, byte* errstr)
    {
        if (LibRdKafkaMock.ConfSet(conf, name, value, errstr, ErrorBufferSize) != LibRdKafkaMock.ConfOk)
        {
            throw new InvalidOperationException(
                $"librdkafka rejected the setting {name}={value}: {Marshal.PtrToStringUTF8((nint)errstr)}");
        }
    }

    private void ForwardNativeLog(LogLevel level, string facility, string message)
    {
        // The mock's own handle never connects anywhere, yet librdkafka warns at every start that it has
        // no bootstrap.servers; that line would only mislead an operator.
        if (facility == "CONFWARN" && message.Contains("bootstrap.servers", StringComparison.Ordinal))
        {
            level = LogLevel.Debug;
        }

        LogNative(_logger, level, facility, message);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Embedded Kafka broker listening on {BootstrapServers} ({BrokerCount} broker(s), librdkafka {LibRdKafkaVersion} from {LibRdKafkaPath}); data is kept in memory only")]
    private static partial void LogStarted(ILogger logger, string bootstrapServers, int brokerCount, string libRdKafkaVersion, string libRdKafkaPath);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Created topic {Topic} with {Partitions} partitions on the embedded Kafka broker at {BootstrapServers}")]
    private static partial void LogTopicCreated(ILogger logger, string topic, int partitions, string bootstrapServers);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Embedded Kafka broker at {BootstrapServers} stopped")]
    private static partial void LogStopped(ILogger logger, string bootstrapServers);

    [LoggerMessage(EventId = 2104, Message = "librdkafka {Facility}: {NativeMessage}")]
    private static partial void LogNative(ILogger logger, LogLevel level, string facility, string nativeMessage);
}
