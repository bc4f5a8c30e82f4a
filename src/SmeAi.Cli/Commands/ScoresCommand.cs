using System.CommandLine;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Outputs;
using SmeAi.Cli.Kafka;
using SmeAi.Cli.Scores;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli.Commands;

/// <summary><c>smeai scores export</c>: the per-event scores of the <c>smeai-scores</c> topic as CSV.</summary>
internal static class ScoresCommand
{
    public static Command Create()
    {
        var scores = new Command("scores", "Work with the per-event scores the silo publishes.");
        scores.Subcommands.Add(Export());
        return scores;
    }

    private static Command Export()
    {
        var command = new Command(
            "export",
            $"Read {TopicNames.Scores} from the beginning and write CSV: {ScoreCsv.Header}. Warm-up rows (no model yet) have score 0 and warmup=true.");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "CSV file to write (default: stdout)" };
        var domain = new Option<string?>("--domain") { Description = "Only this domain: equipment, churn or security" };
        domain.AcceptOnlyFromAmong([.. AlertDomains.All]);
        var entities = new Option<string[]>("--entity") { Description = "Only these entity ids (repeatable)", AllowMultipleArgumentsPerToken = true };
        var idle = Durations.Option("--idle", "Stop when no score has arrived for this long", TimeSpan.FromSeconds(10));
        var toEnd = new Option<bool>("--to-end") { Description = "Stop as soon as every partition has been read to its end" };
        var topic = new Option<string>("--topic") { Description = "Scores topic", DefaultValueFactory = _ => TopicNames.Scores };
        foreach (var option in new Option[] { output, domain, entities, idle, toEnd, topic })
        {
            command.Options.Add(option);
        }

        var connection = ConnectionOptions.ForKafka(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            var bootstrap = await connection.ResolveBootstrapAsync(parsed, cancellationToken);
            var topicName = parsed.GetRequiredValue(topic);
            var partitions = (await KafkaTopics.RequireAsync(bootstrap, [topicName], "the silo creates it when it starts publishing scores"))[topicName];

            var reader = new ScoreReader(bootstrap, topicName, partitions, TimeProvider.System);
            var records = await reader.ReadAsync(parsed.GetValue(idle) ?? TimeSpan.FromSeconds(10), parsed.GetValue(toEnd), cancellationToken);
            var wantedDomain = parsed.GetValue(domain);
            var wantedEntities = parsed.GetValue(entities) is { Length: > 0 } ids ? new HashSet<string>(ids, StringComparer.Ordinal) : null;
            var selected = ScoreCsv.Arrange(records.Where(r =>
                (wantedDomain is null || r.Domain == wantedDomain) && (wantedEntities is null || wantedEntities.Contains(r.EntityId))));

            var file = parsed.GetValue(output);
            if (file is null)
            {
                await ScoreCsv.WriteAsync(parsed.InvocationConfiguration.Output, selected);
            }
            else
            {
                await using var writer = new StreamWriter(file.FullName, append: false);
                await ScoreCsv.WriteAsync(writer, selected);
            }

            var warmup = selected.Count(r => r.Warmup);
            await error.WriteLineAsync(
                $"exported {selected.Count} scores ({warmup} during warm-up, score 0) of {records.Count} read"
                + (file is null ? "" : $" to {file.Name}")
                + (reader.Unreadable > 0 ? $"; skipped {reader.Unreadable} values that are not score records" : ""));
            return ExitCodes.Success;
        });
        return command;
    }
}
