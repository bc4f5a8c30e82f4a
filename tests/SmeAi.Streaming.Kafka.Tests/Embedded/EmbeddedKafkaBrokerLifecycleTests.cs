using System.Net.Sockets;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Streaming.Kafka.Embedded.Interop;
using SmeAi.Streaming.Kafka.Tests.Support;

namespace SmeAi.Streaming.Kafka.Tests.Embedded;

/// <summary>Starting, isolating and stopping embedded brokers.</summary>
public sealed class EmbeddedKafkaBrokerLifecycleTests
{
    [Fact]
    public void Starting_logs_the_bootstrap_address_and_creates_the_configured_topics()
    {
        var logger = new ListLogger<EmbeddedKafkaBroker>();
        using var broker = new EmbeddedKafkaBroker(
            new EmbeddedKafkaBrokerOptions
            {
                BrokerCount = 3,
                Topics =
                {
                    new EmbeddedKafkaTopicOptions { Name = "customer-events" },
                    new EmbeddedKafkaTopicOptions { Name = "smeai-deadletter", Partitions = 2 },
                },
            },
            logger);

        Assert.Equal(3, broker.BootstrapServers.Split(',').Length);
        Assert.All(broker.BootstrapServers.Split(','), address => Assert.StartsWith("127.0.0.1:", address, StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, int> { ["customer-events"] = 16, ["smeai-deadletter"] = 2 }, broker.Topics);

        var started = Assert.Single(logger.Entries, e => e.EventId == 2101);
        Assert.Equal(LogLevel.Information, started.Level);
        Assert.Equal(broker.BootstrapServers, started.Values["BootstrapServers"]);
        Assert.Equal(2, logger.Entries.Count(e => e.EventId == 2102));
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Information && e.EventId is not (2101 or 2102));

        // librdkafka's own lines reach the logger (not stderr); its notice about the mock's handle having no
        // bootstrap.servers is demoted to Debug.
        Assert.Contains(logger.Entries, e => e.EventId == 2104 && e.Level == LogLevel.Debug && e.Message.Contains("CONFWARN", StringComparison.Ordinal));

        using var admin = KafkaClients.Admin(broker.BootstrapServers);
        var metadata = admin.GetMetadata(Poll.DefaultTimeout);
        Assert.Equal(3, metadata.Brokers.Count);
        Assert.Equal(16, metadata.Topics.Single(t => t.Topic == "customer-events").Partitions.Count);
        Assert.Equal(2, metadata.Topics.Single(t => t.Topic == "smeai-deadletter").Partitions.Count);
    }

    [Fact]
    public void Two_brokers_in_one_process_have_their_own_addresses_and_topics()
    {
        using var first = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = "alpha", Partitions = 3 }, new EmbeddedKafkaTopicOptions { Name = "shared", Partitions = 2 } },
        });
        using var second = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = "beta", Partitions = 5 }, new EmbeddedKafkaTopicOptions { Name = "shared", Partitions = 7 } },
        });

        Assert.NotEqual(first.BootstrapServers, second.BootstrapServers);
        Assert.Equal(new Dictionary<string, int> { ["alpha"] = 3, ["shared"] = 2 }, TopicsSeenByClient(first.BootstrapServers));
        Assert.Equal(new Dictionary<string, int> { ["beta"] = 5, ["shared"] = 7 }, TopicsSeenByClient(second.BootstrapServers));

        using (var producer = KafkaClients.Producer(first.BootstrapServers))
        {
            KafkaClients.ProduceAll(producer, "shared", [("k", "only on the first broker")]);
        }

        Assert.Equal(1, MessagesIn(first.BootstrapServers, "shared", 2));
        Assert.Equal(0, MessagesIn(second.BootstrapServers, "shared", 7));
    }

    [Fact]
    public void CreateTopic_from_many_threads_creates_each_topic_once()
    {
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions());
        var names = Enumerable.Range(0, 20).Select(i => $"topic-{i}").ToList();
        var created = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            foreach (var name in names)
            {
                if (broker.CreateTopic(name, 3))
                {
                    Interlocked.Increment(ref created);
                }
            }
        });

        Assert.Equal(names.Count, created);
        Assert.Equal(names.ToDictionary(n => n, _ => 3), TopicsSeenByClient(broker.BootstrapServers));
    }

    [Fact]
    public void CreateTopic_explains_what_it_cannot_do()
    {
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = "alerts", Partitions = 4 } },
        });

        Assert.False(broker.CreateTopic("alerts", 4));
        var changed = Assert.Throws<InvalidOperationException>(() => broker.CreateTopic("alerts", 8));
        Assert.Contains("already exists with 4 partitions", changed.Message, StringComparison.Ordinal);
        var badName = Assert.Throws<ArgumentException>(() => broker.CreateTopic("no spaces", 1));
        Assert.Contains("'no spaces'", badName.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => broker.CreateTopic("zero", 0));
    }

    [Fact]
    public void Invalid_options_stop_the_broker_from_starting_with_every_problem_named()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            BrokerCount = 0,
            Topics = { new EmbeddedKafkaTopicOptions { Name = "x", Partitions = 0 } },
        }));

        Assert.Contains("Embedded Kafka broker: BrokerCount must be at least 1 (was 0).", ex.Failures);
        Assert.Contains("Embedded Kafka broker: Topics:0:Partitions must be between 1 and 10000 (was 0).", ex.Failures);
    }

    [Fact]
    public void Clients_and_the_broker_share_one_librdkafka()
    {
        using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions());
        using var producer = KafkaClients.Producer(broker.BootstrapServers);

        var mapped = Assert.Single(LibRdKafkaLibrary.MappedLibRdKafkaFiles());
        Assert.Equal(mapped, LibRdKafkaLibrary.Path);
        Assert.Equal(Library.VersionString, LibRdKafkaLibrary.Version);
    }

    [Fact]
    public void Dispose_closes_the_listeners_and_ends_the_native_threads()
    {
        var before = NativeThreads.LibRdKafka();
        var logger = new ListLogger<EmbeddedKafkaBroker>();
        var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions { BrokerCount = 2 }, logger);
        // A native thread names itself once it runs, which on a busy machine can be a moment after the broker is up.
        Poll.Until(() => NativeThreads.LibRdKafka().Any(t => !before.ContainsKey(t.Key) && t.Value == "rdk:mock"), "the mock cluster's thread runs");
        var started = NativeThreads.LibRdKafka().Where(t => !before.ContainsKey(t.Key)).ToDictionary();
        var endpoints = broker.BootstrapServers.Split(',').Select(ParseEndpoint).ToList();
        Assert.Contains("rdk:mock", started.Values);
        Assert.All(endpoints, endpoint => Assert.True(CanConnect(endpoint), $"{endpoint} should accept connections while running."));

        broker.Dispose();

        Poll.Until(() => !NativeThreads.LibRdKafka().Keys.Intersect(started.Keys).Any(), "the broker's librdkafka threads have ended");
        Assert.All(endpoints, endpoint => Assert.False(CanConnect(endpoint), $"{endpoint} should be closed after Dispose."));
        Assert.Throws<ObjectDisposedException>(() => broker.CreateTopic("late", 1));
        Assert.Single(logger.Entries, e => e.EventId == 2103);

        broker.Dispose();
        Assert.Single(logger.Entries, e => e.EventId == 2103);
    }

    [Fact]
    public async Task DisposeAsync_stops_the_broker()
    {
        var before = NativeThreads.LibRdKafka();
        string bootstrapServers;
        Dictionary<int, string> started;
        await using (var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions()))
        {
            bootstrapServers = broker.BootstrapServers;
            started = NativeThreads.LibRdKafka().Where(t => !before.ContainsKey(t.Key)).ToDictionary();
        }

        Assert.NotEmpty(started);
        Poll.Until(() => !NativeThreads.LibRdKafka().Keys.Intersect(started.Keys).Any(), "the broker's librdkafka threads have ended");
        Assert.False(CanConnect(ParseEndpoint(bootstrapServers)));
    }

    private static Dictionary<string, int> TopicsSeenByClient(string bootstrapServers)
    {
        using var admin = KafkaClients.Admin(bootstrapServers);
        return admin.GetMetadata(Poll.DefaultTimeout).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);
    }

    private static long MessagesIn(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = KafkaClients.Consumer(bootstrapServers, "watermarks");
        return KafkaClients.Partitions(topic, partitions)
            .Select(tp => consumer.QueryWatermarkOffsets(tp, Poll.DefaultTimeout))
            .Sum(w => w.High.Value - w.Low.Value);
    }

    private static (string Host, int Port) ParseEndpoint(string address)
    {
        var colon = address.LastIndexOf(':');
        return (address[..colon], int.Parse(address[(colon + 1)..]));
    }

    private static bool CanConnect((string Host, int Port) endpoint)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(endpoint.Host, endpoint.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
