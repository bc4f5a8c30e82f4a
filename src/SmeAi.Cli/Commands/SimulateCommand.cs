using System.CommandLine;
using System.Globalization;
using SmeAi.Abstractions;
using SmeAi.Cli.Kafka;
using SmeAi.Cli.Terminal;
using SmeAi.Simulator;
using SmeAi.Simulator.Kafka;

namespace SmeAi.Cli.Commands;

/// <summary>
/// <c>smeai simulate</c>: the simulator's factory, customer and security streams produced to Kafka at a rate,
/// for a wall-clock duration, a number of events, the whole simulated span, or until Ctrl+C.
/// </summary>
internal static class SimulateCommand
{
    private static readonly string[] _domains = ["factory", "customers", "security"];

    public static Command Create()
    {
        var command = new Command("simulate", "Produce simulated factory telemetry, customer events and security events to Kafka.");
        var connection = ConnectionOptions.ForKafka(command);
        var rate = new Option<double>("--rate") { Description = "Events per second over all topics; 0 = as fast as possible", DefaultValueFactory = _ => 200 };
        var duration = Durations.Option(
            "--duration", "Stop after this wall-clock time, e.g. 10m, at most 49d (default: until Ctrl+C or the end of the simulated span)", maximum: Durations.WallClockMaximum);
        var maxEvents = new Option<long?>("--max-events") { Description = "Stop after this many events" };
        var domains = new Option<string[]>("--domains")
        {
            Description = "Streams to simulate: factory, customers, security",
            DefaultValueFactory = _ => _domains,
            AllowMultipleArgumentsPerToken = true,
        };
        domains.AcceptOnlyFromAmong(_domains);
        var seed = new Option<long>("--seed") { Description = "Seed; the same seed gives the same events", DefaultValueFactory = _ => 1 };
        var span = Durations.Option("--span", "Simulated event-time span (default: each simulator's own, 7 to 120 days)");
        var start = new Option<DateTimeOffset?>("--start") { Description = "Event time of the first event (default: 06:00 UTC today)" };
        command.Options.Add(rate);
        command.Options.Add(duration);
        command.Options.Add(maxEvents);
        command.Options.Add(domains);
        command.Options.Add(seed);
        command.Options.Add(span);
        command.Options.Add(start);

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            var enabled = parsed.GetRequiredValue(domains).Distinct(StringComparer.Ordinal).ToList();
            var options = new SimulatorOptions().ApplyToAll(
                seed: parsed.GetValue(seed),
                start: parsed.GetValue(start) ?? new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddHours(6), TimeSpan.Zero),
                duration: parsed.GetValue(span));
            options.Factory.Enabled = enabled.Contains("factory");
            options.Customers.Enabled = enabled.Contains("customers");
            options.Security.Enabled = enabled.Contains("security");
            var stream = SimulatedEventStream.Create(options);

            var bootstrap = await connection.ResolveBootstrapAsync(parsed, cancellationToken);
            var topics = Topics(options);
            await KafkaTopics.RequireAsync(bootstrap, topics, "create them first (the silo creates them in embedded mode)");

            var producerOptions = new SimulatorProducerOptions
            {
                BootstrapServers = bootstrap,
                EventsPerSecond = parsed.GetValue(rate),
                MaxEvents = parsed.GetValue(maxEvents),
                ClientId = "smeai-simulate",
            };
            using var producer = new SimulatorProducer(producerOptions);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parsed.GetValue(duration) is { } wallClock)
            {
                stop.CancelAfter(wallClock);
            }

            await error.WriteLineAsync(
                $"simulating {string.Join(", ", enabled)} to {bootstrap} at {Rate(producerOptions.EventsPerSecond)}; Ctrl+C to stop");
            // Stopping ends the stream instead of cancelling the producer, so what was handed to Kafka is flushed, not dropped.
            var result = await producer.ProduceAsync(stream.TakeWhile(_ => !stop.IsCancellationRequested), CancellationToken.None);
            await parsed.InvocationConfiguration.Output.WriteLineAsync(
                (stop.IsCancellationRequested ? "stopped: " : "")
                + $"produced {result.Produced} events ({result.Delivered} delivered, {result.Failed} failed) in {Seconds(result.Elapsed)}: "
                + string.Join(", ", result.ByTopic.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value}")));
            if (result.Failed > 0)
            {
                throw new CliException($"{result.Failed} of {result.Produced} events were not delivered ({result.FirstError})");
            }

            // Ctrl+C is an interruption (130, as for every command); the --duration ending the run is a success.
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return command;
    }

    private static string[] Topics(SimulatorOptions options) =>
    [
        .. options.Factory.Enabled ? [TopicNames.MachineTelemetry] : Array.Empty<string>(),
        .. options.Customers.Enabled ? [TopicNames.CustomerEvents] : Array.Empty<string>(),
        .. options.Security.Enabled ? [TopicNames.SecurityEvents] : Array.Empty<string>(),
    ];

    private static string Rate(double eventsPerSecond) =>
        eventsPerSecond > 0 ? $"{eventsPerSecond.ToString("0.##", CultureInfo.InvariantCulture)} events/s" : "full speed";

    private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
}
