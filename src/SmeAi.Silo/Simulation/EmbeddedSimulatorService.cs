using Microsoft.Extensions.Options;
using SmeAi.Silo.Kafka;
using SmeAi.Simulator;
using SmeAi.Simulator.Kafka;

namespace SmeAi.Silo.Simulation;

/// <summary>
/// In embedded mode, feeds the embedded broker with the simulator's factory, customer and security
/// streams, starting at the current time, so a new user sees scores and alerts without a producer of
/// their own. Outside producers can write to the same broker alongside.
/// </summary>
internal sealed partial class EmbeddedSimulatorService(
    KafkaEndpoint kafka,
    IOptions<EmbeddedSimulatorOptions> options,
    IOptions<SimulatorOptions> simulation,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<EmbeddedSimulatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!kafka.IsEmbedded || !options.Value.Enabled)
        {
            return;
        }

        // Let the silo finish starting before the feed competes for the two cores.
        await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
        // Event time starts at 06:00 UTC today, so office-hours activity (sign-ins, purchases) shows up at once.
        var settings = simulation.Value.ApplyToAll(start: new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddHours(6), TimeSpan.Zero));
        var producerOptions = new SimulatorProducerOptions { BootstrapServers = kafka.BootstrapServers, EventsPerSecond = options.Value.EventsPerSecond };
        using var producer = new SimulatorProducer(producerOptions, loggers.CreateLogger<SimulatorProducer>(), time);
        LogStarted(logger, options.Value.EventsPerSecond, kafka.BootstrapServers);
        try
        {
            var result = await producer.ProduceAsync(SimulatedEventStream.Create(settings), stoppingToken);
            LogFinished(logger, result.Delivered);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(logger, producer.Delivered);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Simulator feeding the embedded broker at {EventsPerSecond} events/s ({BootstrapServers}); set Simulator:Embedded:Enabled=false to stop it")]
    private static partial void LogStarted(ILogger logger, double eventsPerSecond, string bootstrapServers);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Simulator finished its run after {Delivered} events")]
    private static partial void LogFinished(ILogger logger, long delivered);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Simulator stopped after {Delivered} events")]
    private static partial void LogStopped(ILogger logger, long delivered);
}
