using System.Net;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SmeAi.Abstractions;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Hosting;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Simulation;
using SmeAi.Simulator;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Silo.Tests;

public sealed class EmbeddedSimulatorServiceTests
{
    [Fact]
    public async Task A_failing_feed_is_logged_and_ends_without_failing_the_service()
    {
        using var kafka = KafkaEndpoint.StartEmbedded(new EmbeddedKafkaBrokerOptions(), NullLogger<EmbeddedKafkaBroker>.Instance);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        var logger = new RecordingLogger<EmbeddedSimulatorService>();

        // Nothing validated these options: the simulator's producer refuses the rate when the feed starts.
        var settings = new EmbeddedSimulatorOptions { EventsPerSecond = -1, CustomerHistory = TimeSpan.Zero };
        using var service = new EmbeddedSimulatorService(
            Plan(PlatformMode.Embedded), kafka, Options.Create(settings), Options.Create(new SimulatorOptions()), time, NullLoggerFactory.Instance, logger);

        var feed = await StartAndRunClockAsync(service, time);

        // A faulted task here is what makes BackgroundService stop the whole host.
        await feed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Error && entry.Exception is OptionsValidationException);
    }

    [Fact]
    public async Task A_silo_with_durable_state_gets_no_demo_feed_even_on_an_embedded_broker()
    {
        using var kafka = KafkaEndpoint.StartEmbedded(new EmbeddedKafkaBrokerOptions(), NullLogger<EmbeddedKafkaBroker>.Instance);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        var logger = new RecordingLogger<EmbeddedSimulatorService>();
        var settings = new EmbeddedSimulatorOptions { CustomerHistory = TimeSpan.Zero };
        using var service = new EmbeddedSimulatorService(
            Plan(PlatformMode.Postgres), kafka, Options.Create(settings), Options.Create(new SimulatorOptions()), time, NullLoggerFactory.Instance, logger);

        var feed = await StartAndRunClockAsync(service, time);
        await service.StopAsync(CancellationToken.None);

        Assert.True(feed.IsCompletedSuccessfully);
        Assert.Empty(logger.Entries);
        Assert.Equal(0, CountMessages(kafka.BootstrapServers, TopicNames.MachineTelemetry));
    }

    /// <summary>Starts the feed and moves the clock on (ExecuteAsync runs on the thread pool) until it ended or long after its start-up delay.</summary>
    private static async Task<Task> StartAndRunClockAsync(EmbeddedSimulatorService service, FakeTimeProvider time)
    {
        await service.StartAsync(CancellationToken.None);
        var feed = service.ExecuteTask!;
        for (var step = 0; step < 1_000 && !feed.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(feed, Task.Delay(10));
        }

        return feed;
    }

    private static long CountMessages(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "count" }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions;
        return partitions.Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
    }

    private static SiloStartupPlan Plan(PlatformMode mode) =>
        new(mode, new SiloHostOptions(), IPAddress.Loopback, mode == PlatformMode.Postgres ? new NpgsqlConnectionStringBuilder("Host=127.0.0.1") : null, "silo-config");
}
