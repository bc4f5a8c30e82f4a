using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
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
            kafka, Options.Create(settings), Options.Create(new SimulatorOptions()), time, NullLoggerFactory.Instance, logger);

        await service.StartAsync(CancellationToken.None);
        var feed = service.ExecuteTask!;

        // ExecuteAsync runs on the thread pool: move the clock on until its start-up delay has been waited for.
        for (var step = 0; step < 1_000 && !feed.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(feed, Task.Delay(10));
        }

        // A faulted task here is what makes BackgroundService stop the whole host.
        await feed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Error && entry.Exception is OptionsValidationException);
    }
}
