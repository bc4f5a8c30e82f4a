using System.CommandLine;
using System.Globalization;
using SmeAi.Abstractions;
using SmeAi.Cli.Kafka;
using SmeAi.Cli.Replay;
using SmeAi.Cli.Terminal;
using SmeAi.Simulator;
using SmeAi.Simulator.Kafka;

namespace SmeAi.Cli.Commands;

/// <summary>
/// <c>smeai replay FILE</c>: a CSV or JSON-lines file into an input topic as contract events, keyed by entity id, in
/// event-time order, at a rate or as fast as possible. Rows that cannot be mapped are reported and skipped.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var command = new Command("replay", "Replay a CSV or JSON-lines file into an input topic, in event-time order.");
        var file = new Argument<FileInfo>("file") { Description = "CSV (header row) or JSON lines (.jsonl, .ndjson, .json)" };
        command.Arguments.Add(file);
        var topic = new Option<string>("--topic", "-t") { Description = "Input topic, which fixes the event contract", DefaultValueFactory = _ => TopicNames.MachineTelemetry };
        topic.AcceptOnlyFromAmong([.. TopicNames.Inputs]);
        var tsColumn = new Option<string?>("--ts-column") { Description = "Event-time column (default: ts, timestamp, time, datetime or date)" };
        var tsFormat = new Option<string?>("--ts-format") { Description = "Time format: a .NET format such as yyyy-MM-dd HH:mm, or unix / unix-ms (default: ISO 8601 or Unix time)" };
        var entityColumn = new Option<string?>("--entity-column") { Description = "Entity id column (default: machineId/customerId/subjectId, entity, id...)" };
        var entity = new Option<string?>("--entity") { Description = "One entity id for every row, instead of a column" };
        var typeColumn = new Option<string?>("--type-column") { Description = "Event type column (kind for machine-telemetry; default: type or kind)" };
        var type = new Option<string?>("--type") { Description = "One event type (kind) for every row" };
        var columns = new Option<string[]?>("--columns")
        {
            Description = "Value columns: sensors, features or attributes (default: every other numeric column)",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<ReplayFormat>("--format") { Description = "File format (default: by extension)", DefaultValueFactory = _ => ReplayFormat.Auto };
        var delimiter = new Option<char?>("--delimiter") { Description = "CSV delimiter (default: ',' or what the header uses: ';' or tab)" };
        var rate = new Option<double>("--rate") { Description = "Events per second", DefaultValueFactory = _ => 1000 };
        var fast = new Option<bool>("--fast") { Description = "As fast as possible (ignores --rate)" };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress bar on stderr" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and map the file, report, produce nothing" };
        foreach (var option in new Option[] { topic, tsColumn, tsFormat, entityColumn, entity, typeColumn, type, columns, format, delimiter, rate, fast, noProgress, dryRun })
        {
            command.Options.Add(option);
        }

        var connection = ConnectionOptions.ForKafka(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(entity) is not null && result.GetValue(entityColumn) is not null)
            {
                result.AddError("--entity and --entity-column exclude each other");
            }

            if (result.GetValue(type) is not null && result.GetValue(typeColumn) is not null)
            {
                result.AddError("--type and --type-column exclude each other");
            }
        });

        rate.Validators.Add(result =>
        {
            // Only a number that parsed is checked here; the parser reports text that is no number.
            if (result.Tokens.Count > 0
                && double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
                && (!double.IsFinite(r) || r <= 0))
            {
                result.AddError("--rate must be a positive number of events per second (use --fast for no limit)");
            }
        });

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var error = parsed.InvocationConfiguration.Error;
            var source = parsed.GetRequiredValue(file);
            var settings = new ReplaySettings(
                parsed.GetRequiredValue(topic),
                parsed.GetValue(tsColumn),
                parsed.GetValue(tsFormat),
                parsed.GetValue(entityColumn),
                parsed.GetValue(entity),
                parsed.GetValue(typeColumn),
                parsed.GetValue(type),
                parsed.GetValue(columns) is { Length: > 0 } given ? [.. given.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))] : null);

            var table = SourceTable.Read(source, parsed.GetValue(format), parsed.GetValue(delimiter));
            var plan = ReplayPlan.Create(table, settings);
            await error.WriteLineAsync(plan.Mapping.Describe());
            foreach (var line in plan.DescribeProblems(source.Name))
            {
                await error.WriteLineAsync(line);
            }

            if (plan.Events.Count == 0)
            {
                var first = plan.Problems.Count > 0 ? plan.Problems[0] : null;
                throw new CliException(first is null
                    ? $"{source.Name}: no data rows"
                    : $"{source.Name}: none of the {plan.RowCount} rows could be mapped (line {first.Line}: {first.Reason})");
            }

            var summary = Summary(plan);
            if (parsed.GetValue(dryRun))
            {
                await output.WriteLineAsync($"dry run: would replay {summary}");
                return ExitCodes.Success;
            }

            var bootstrap = await connection.ResolveBootstrapAsync(parsed, cancellationToken);
            await KafkaTopics.RequireAsync(bootstrap, [settings.Topic], "create it first (the silo creates the input topics in embedded mode)");
            var producerOptions = new SimulatorProducerOptions
            {
                BootstrapServers = bootstrap,
                EventsPerSecond = parsed.GetValue(fast) ? 0 : parsed.GetValue(rate),
                ClientId = "smeai-replay",
            };
            var progress = new ProgressBar(error, plan.Events.Count, !parsed.GetValue(noProgress) && ProgressBar.CanDrawOn(error), TimeProvider.System);
            // Ctrl+C ends the stream instead of cancelling the producer, so what was handed to Kafka is flushed, not dropped.
            var messages = plan.Events.TakeWhile(_ => !cancellationToken.IsCancellationRequested).Select(e =>
            {
                progress.Advance();
                return new SimulatedEvent(settings.Topic, e.EntityId, e);
            });

            using var producer = new SimulatorProducer(producerOptions);
            var result = await producer.ProduceAsync(messages, CancellationToken.None);
            progress.Complete();
            if (result.Failed > 0)
            {
                throw new CliException($"{result.Failed} of {result.Produced} events were not delivered to {settings.Topic} ({result.FirstError})");
            }

            if (result.Produced < plan.Events.Count)
            {
                await output.WriteLineAsync($"stopped: replayed {result.Produced} of {plan.Events.Count} events into {settings.Topic}");
                return ExitCodes.Interrupted;
            }

            await output.WriteLineAsync(
                $"replayed {summary} in {result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
                + (plan.Problems.Count > 0 ? $"; {plan.Problems.Count} rows skipped" : ""));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Summary(ReplayPlan plan)
    {
        var entities = plan.Events.Select(e => e.EntityId).Distinct(StringComparer.Ordinal).Count();
        var from = plan.Events[0].Ts.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var to = plan.Events[^1].Ts.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        return $"{plan.Events.Count} events of {entities} entit{(entities == 1 ? "y" : "ies")} into {plan.Mapping.Topic} ({from} .. {to})";
    }
}
