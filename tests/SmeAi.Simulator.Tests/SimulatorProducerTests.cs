using System.Net;
using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Simulator.Kafka;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Simulator.Tests;

public sealed class SimulatorProducerTests
{
    private const int Partitions = 4;
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Produced_events_read_back_as_valid_json_keyed_by_entity_on_their_topics()
    {
        const int count = 600;
        using var broker = Broker();
        // The first 200 events of each topic, in merged (event-time) order.
        var perTopic = new Dictionary<string, int>();
        var expected = SimulatedEventStream.Create(SimulatedEventStreamTests.SmallOptions(seed: 2))
            .Where(e => (perTopic[e.Topic] = perTopic.GetValueOrDefault(e.Topic) + 1) <= count / 3)
            .Take(count)
            .ToList();
        Assert.Equal(3, expected.Select(e => e.Topic).Distinct().Count());

        SimulatorProducerResult result;
        using (var producer = new SimulatorProducer(new SimulatorProducerOptions { BootstrapServers = broker.BootstrapServers, EventsPerSecond = 0 }))
        {
            result = await producer.ProduceAsync(expected);
        }

        Assert.Equal(count, result.Produced);
        Assert.Equal(count, result.Delivered);
        Assert.Equal(0, result.Failed);
        Assert.Null(result.FirstError);
        Assert.Equal(count, result.ByTopic.Values.Sum());

        var consumed = ConsumeAll(broker.BootstrapServers, count);
        foreach (var topic in TopicNames.Inputs)
        {
            // Per key, the values come back in the order produced.
            var sent = expected.Where(e => e.Topic == topic).GroupBy(e => e.Key)
                .ToDictionary(g => g.Key, g => g.Select(e => Encoding.UTF8.GetString(EventJson.SerializeToUtf8Bytes(e.Event))).ToList());
            var received = consumed.Where(r => r.Topic == topic).GroupBy(r => r.Message.Key)
                .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Offset.Value).Select(r => Encoding.UTF8.GetString(r.Message.Value)).ToList());
            Assert.Equal(sent.Keys.Order(), received.Keys.Order());
            foreach (var (key, values) in sent)
            {
                Assert.Equal(values, received[key]);
            }
        }

        Assert.All(consumed, r =>
        {
            Assert.True(EventJson.TryDeserialize(r.Topic, r.Message.Value, out var value, out var reason), reason);
            Assert.Equal(r.Message.Key, value.EntityId);
        });
    }

    [Fact]
    public async Task The_rate_is_paced_by_the_clock_and_max_events_stops_the_run()
    {
        using var broker = Broker();
        var time = new FakeTimeProvider();
        var events = SimulatedEventStream.Create(SimulatedEventStreamTests.SmallOptions(seed: 3));
        using var producer = new SimulatorProducer(
            new SimulatorProducerOptions { BootstrapServers = broker.BootstrapServers, EventsPerSecond = 100, MaxEvents = 20 },
            timeProvider: time);

        var run = producer.ProduceAsync(events);

        // At 100 events/s event n (from 0) is due at n * 10 ms, less the 2 ms pause the producer does not bother to sleep:
        // at any moment no more than that may be out. The clock moves
        // a millisecond at a time and keeps moving, so a pause the producer set up late still ends (lockstep waits on an
        // exact count stalled when it did).
        var clock = TimeSpan.Zero;
        var mostAhead = long.MinValue;
        while (!run.IsCompleted && clock < TimeSpan.FromSeconds(2))
        {
            var allowed = (long)((clock.TotalMilliseconds + 2) / 10) + 1;
            mostAhead = Math.Max(mostAhead, producer.Produced - allowed);
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(1));
            clock += TimeSpan.FromMilliseconds(1);
        }

        var result = await run.WaitAsync(_timeout);
        Assert.True(mostAhead <= 0, $"the producer ran {mostAhead} events ahead of its rate");
        Assert.True(clock >= TimeSpan.FromMilliseconds(190), $"20 events at 100 events/s were done {clock.TotalMilliseconds} ms in");
        Assert.Equal(20, result.Produced);
        Assert.Equal(20, result.Delivered);
    }

    [Fact]
    public async Task Cancelling_stops_a_paced_run()
    {
        using var broker = Broker();
        using var producer = new SimulatorProducer(
            new SimulatorProducerOptions { BootstrapServers = broker.BootstrapServers, EventsPerSecond = 1 },
            timeProvider: new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();

        var run = producer.ProduceAsync(SimulatedEventStream.Create(SimulatedEventStreamTests.SmallOptions(seed: 3)), cancellation.Token);
        await WaitUntilAsync(() => producer.Produced == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(_timeout));
        Assert.Equal(1, producer.Produced);
    }

    [Fact]
    public async Task Cancelling_delivers_the_events_the_client_still_queues()
    {
        using var broker = Broker();
        // A linger of 10 s keeps the produced event in the client until something flushes it.
        using var producer = new SimulatorProducer(
            new SimulatorProducerOptions { BootstrapServers = broker.BootstrapServers, EventsPerSecond = 1, LingerMs = 10_000 },
            timeProvider: new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();

        var run = producer.ProduceAsync(SimulatedEventStream.Create(SimulatedEventStreamTests.SmallOptions(seed: 3)), cancellation.Token);
        await WaitUntilAsync(() => producer.Produced == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(_timeout));
        Assert.Equal(1, producer.Delivered);
        Assert.Equal(0, producer.Pending);
        producer.Dispose();
        Assert.Single(ConsumeAll(broker.BootstrapServers, 1));
    }

    [Fact]
    public async Task Cancelling_without_a_reachable_broker_gives_up_after_the_flush_timeout_and_counts_the_undelivered()
    {
        using var producer = new SimulatorProducer(
            new SimulatorProducerOptions { BootstrapServers = ClosedPort(), EventsPerSecond = 1, CancelFlushTimeout = TimeSpan.FromMilliseconds(200) },
            timeProvider: new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();

        var run = producer.ProduceAsync(SimulatedEventStream.Create(SimulatedEventStreamTests.SmallOptions(seed: 3)), cancellation.Token);
        await WaitUntilAsync(() => producer.Produced == 1);
        await cancellation.CancelAsync();

        // Well before the 30 s message timeout would fail the event.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(_timeout));
        Assert.Equal(0, producer.Delivered);
        Assert.Equal(1, producer.Pending);
    }

    [Fact]
    public async Task A_rate_of_one_event_in_months_waits_for_the_next_event_instead_of_failing()
    {
        using var broker = Broker();
        var time = new FakeTimeProvider();
        using var producer = new SimulatorProducer(
            new SimulatorProducerOptions { BootstrapServers = broker.BootstrapServers, EventsPerSecond = 1e-7, MaxEvents = 2 },
            timeProvider: time);

        var run = producer.ProduceAsync(SimulatedEventStream.Create(SimulatedEventStreamTests.SmallOptions(seed: 3)));
        await WaitUntilAsync(() => producer.Produced == 1);

        // The second event is due 10^7 s (about 116 days) after the first, longer than one timer can wait.
        var advanced = TimeSpan.Zero;
        while (!run.IsCompleted && advanced < TimeSpan.FromDays(200))
        {
            Assert.Equal(1, producer.Produced);
            time.Advance(TimeSpan.FromHours(6));
            advanced += TimeSpan.FromHours(6);
            await Task.Delay(1);
            if (advanced < TimeSpan.FromDays(115))
            {
                Assert.Equal(1, producer.Produced);
            }
        }

        var result = await run.WaitAsync(_timeout);
        Assert.Equal(2, result.Produced);
        Assert.Equal(2, result.Delivered);
        Assert.InRange(advanced, TimeSpan.FromSeconds(1e7), TimeSpan.FromSeconds(1e7) + TimeSpan.FromDays(2));
    }

    [Theory]
    [InlineData("", 10, "BootstrapServers")]
    [InlineData("127.0.0.1:9092", -1, "EventsPerSecond")]
    [InlineData("127.0.0.1:9092", double.PositiveInfinity, "EventsPerSecond")]
    [InlineData("127.0.0.1:9092", 10, "CancelFlushTimeout", -1)]
    [InlineData("127.0.0.1:9092", 10, "CancelFlushTimeout", 2 * 24 * 3600)]
    public void Invalid_options_are_rejected_naming_the_setting(string bootstrap, double rate, string setting, double cancelFlushSeconds = 5)
    {
        var options = new SimulatorProducerOptions
        {
            BootstrapServers = bootstrap, EventsPerSecond = rate, CancelFlushTimeout = TimeSpan.FromSeconds(cancelFlushSeconds),
        };
        var ex = Assert.Throws<OptionsValidationException>(() => new SimulatorProducer(options));
        Assert.Contains($"Simulator:Producer:{setting}", ex.Message, StringComparison.Ordinal);
    }

    private static EmbeddedKafkaBroker Broker()
    {
        var options = new EmbeddedKafkaBrokerOptions { DefaultPartitions = Partitions };
        foreach (var topic in TopicNames.Inputs)
        {
            options.Topics.Add(new EmbeddedKafkaTopicOptions { Name = topic });
        }

        return new EmbeddedKafkaBroker(options);
    }

    /// <summary>A loopback address nothing listens on.</summary>
    private static string ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }

    private static List<ConsumeResult<string, byte[]>> ConsumeAll(string bootstrapServers, int count)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "simulator-tests",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Assign(TopicNames.Inputs.SelectMany(topic =>
            Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning))));

        var results = new List<ConsumeResult<string, byte[]>>(count);
        var deadline = DateTime.UtcNow + _timeout;
        while (results.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                results.Add(result);
            }
        }

        // Nothing beyond what was produced.
        while (consumer.Consume(TimeSpan.FromMilliseconds(300)) is { } extra)
        {
            results.Add(extra);
        }

        consumer.Close();
        Assert.Equal(count, results.Count);
        return results;
    }

    /// <summary>Waits for the producer's own thread to reach a state; fails after a generous timeout.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + _timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the producer");
            await Task.Delay(1);
        }
    }
}
