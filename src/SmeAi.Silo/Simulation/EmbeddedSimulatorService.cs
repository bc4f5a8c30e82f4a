using Microsoft.Extensions.Options;
using SmeAi.Silo.Configuration;
using SmeAi.Silo.Hosting;
using SmeAi.Silo.Kafka;
using SmeAi.Simulator;
using SmeAi.Simulator.Kafka;

namespace SmeAi.Silo.Simulation;

/// <summary>
/// In embedded mode (in-memory state and the embedded broker), feeds the embedded broker with the
/// simulator's factory, customer and security streams, starting at the current time, so a new user sees
/// scores and alerts without a producer of their own. The customers' history before that (<see cref="EmbeddedSimulatorOptions.CustomerHistory"/>)
/// goes first, as fast as the broker takes it. Outside producers can write to the same broker alongside.
/// </summary>
internal sealed partial class EmbeddedSimulatorService(
    SiloStartupPlan plan,
    KafkaEndpoint kafka,
    IOptions<EmbeddedSimulatorOptions> options,
    IOptions<SimulatorOptions> simulation,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<EmbeddedSimulatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Synthetic customers, machines and their alerts have no place in durable state, whatever broker the silo uses.
        if (plan.Mode != PlatformMode.Embedded || !kafka.IsEmbedded || !options.Value.Enabled)
        {
            return;
        }

        // Let the silo finish starting before the feed competes for the two cores.
        await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
        SimulatorProducer? historyProducer = null;
        SimulatorProducer? liveProducer = null;
        try
        {
            // Event time starts at 06:00 UTC today, so office-hours activity (sign-ins, purchases) shows up at once.
            var liveStart = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddHours(6), TimeSpan.Zero);
            using var events = SimulatedEventStream.Create(Settings(liveStart)).GetEnumerator();
            var split = new LiveStartSplit(events, liveStart);
            historyProducer = Producer(eventsPerSecond: 0);
            liveProducer = Producer(options.Value.EventsPerSecond);

            // Only customers have events before the live start; the merged stream is in event-time order.
            if (options.Value.CustomerHistory > TimeSpan.Zero && simulation.Value.Customers.Enabled)
            {
                var history = await historyProducer.ProduceAsync(split.History(), stoppingToken);
                LogHistoryProduced(logger, history.Delivered, options.Value.CustomerHistory.TotalDays);
            }

            LogStarted(logger, options.Value.EventsPerSecond, kafka.BootstrapServers);
            var result = await liveProducer.ProduceAsync(split.Live(), stoppingToken);
            LogFinished(logger, result.Delivered);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            var delivered = Delivered(historyProducer) + Delivered(liveProducer);
            LogStopped(logger, delivered);
        }
        catch (Exception ex)
        {
            // The feed is a demo: its failure (a fatal Kafka error, bad Simulator:* settings) must not stop the silo,
            // which BackgroundService's default does for an exception escaping ExecuteAsync.
            var delivered = Delivered(historyProducer) + Delivered(liveProducer);
            LogFailed(logger, ex, delivered);
        }
        finally
        {
            historyProducer?.Dispose();
            liveProducer?.Dispose();
        }
    }

    private static long Delivered(SimulatorProducer? producer) => producer?.Delivered ?? 0;

    /// <summary>The configured simulation from <paramref name="liveStart"/>, with the customers' history before it. Adjusts the bound options in place: the feed runs once per host.</summary>
    private SimulatorOptions Settings(DateTimeOffset liveStart)
    {
        var settings = simulation.Value.ApplyToAll(start: liveStart);
        var customers = settings.Customers;
        customers.Start = liveStart - options.Value.CustomerHistory;
        customers.Duration += options.Value.CustomerHistory;
        customers.DecliningAtStart = options.Value.CustomersDecliningAtStart;
        return settings;
    }

    private SimulatorProducer Producer(double eventsPerSecond) => new(
        new SimulatorProducerOptions { BootstrapServers = kafka.BootstrapServers, EventsPerSecond = eventsPerSecond },
        loggers.CreateLogger<SimulatorProducer>(),
        time);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Simulator feeding the embedded broker at {EventsPerSecond} events/s ({BootstrapServers}); set Simulator:Embedded:Enabled=false to stop it")]
    private static partial void LogStarted(ILogger logger, double eventsPerSecond, string bootstrapServers);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Simulator finished its run after {Delivered} events")]
    private static partial void LogFinished(ILogger logger, long delivered);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Simulator stopped after {Delivered} events")]
    private static partial void LogStopped(ILogger logger, long delivered);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Simulator produced {Delivered} customer events of the {Days} days before the live start")]
    private static partial void LogHistoryProduced(ILogger logger, long delivered, double days);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Error, Message = "Simulator failed after {Delivered} events and stopped; the silo runs on without the demo feed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long delivered);
}
