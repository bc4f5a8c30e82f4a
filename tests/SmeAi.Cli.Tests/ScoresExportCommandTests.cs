using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Cli.Tests;

public sealed class ScoresExportCommandTests : IDisposable
{
    private const int Partitions = 3;
    private static readonly DateTimeOffset _t0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly EmbeddedKafkaBroker _broker;

    public ScoresExportCommandTests()
    {
        var options = new EmbeddedKafkaBrokerOptions { DefaultPartitions = Partitions };
        options.Topics.Add(new EmbeddedKafkaTopicOptions { Name = TopicNames.Scores });
        _broker = new EmbeddedKafkaBroker(options);
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task Score_records_on_the_topic_become_csv_rows_in_event_time_order_with_warmup_visible()
    {
        await ProduceAsync(
            Record("equipment", "m-2", seconds: 2, score: 0.75, version: 1, warmup: false, offset: 12),
            Record("equipment", "m-1", seconds: 0, score: 0, version: 0, warmup: true, offset: 10),
            Record("churn", "c-9", seconds: 1, score: 0.125, version: 3, warmup: false, offset: 4, model: "churn,v2"),
            Record("equipment", "m-1", seconds: 3, score: 0.5, version: 1, warmup: false, offset: 13));
        // The same source event scored again after a redelivery (by a newer model) is exported once, with the score it got
        // first; a value that is no score record is skipped.
        await ProduceAsync(Record("equipment", "m-2", seconds: 2, score: 0.9, version: 2, warmup: false, offset: 12));
        await ProduceRawAsync("not json");
        using var output = new TempFile("unused.txt", "");

        var run = await CliRun.RunAsync("scores", "export", "--bootstrap", _broker.BootstrapServers, "--to-end", "--output", output.Sibling("scores.csv"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "entity,ts,score,model_version,warmup,domain,model,band,failure_risk,failure_model_version",
                "m-1,2026-03-01T10:00:00Z,0,0,true,equipment,equipment-model,low,,",
                "c-9,2026-03-01T10:00:01Z,0.125,3,false,churn,\"churn,v2\",low,,",
                "m-2,2026-03-01T10:00:02Z,0.75,1,false,equipment,equipment-model,low,,",
                "m-1,2026-03-01T10:00:03Z,0.5,1,false,equipment,equipment-model,low,,",
            ],
            await File.ReadAllLinesAsync(output.Sibling("scores.csv")));
        Assert.Contains("exported 4 scores (1 during warm-up, score 0) of 5 read to scores.csv; skipped 1 values that are not score records", run.ErrorLines);
    }

    [Fact]
    public async Task A_machine_reading_with_a_failure_probability_exports_it_and_its_classifier_version_while_rows_without_one_leave_both_empty()
    {
        await ProduceAsync(
            Record("equipment", "m-1", seconds: 0, score: 0.25, version: 2, warmup: false, offset: 1) with { FailureRisk = 0.0625, FailureModelVersion = 7 },
            Record("equipment", "m-2", seconds: 1, score: 0.5, version: 2, warmup: false, offset: 2),
            Record("churn", "c-1", seconds: 2, score: 0.75, version: 1, warmup: false, offset: 3));

        var run = await CliRun.RunAsync("scores", "export", "--bootstrap", _broker.BootstrapServers, "--to-end");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "entity,ts,score,model_version,warmup,domain,model,band,failure_risk,failure_model_version",
                "m-1,2026-03-01T10:00:00Z,0.25,2,false,equipment,equipment-model,low,0.0625,7",
                "m-2,2026-03-01T10:00:01Z,0.5,2,false,equipment,equipment-model,low,,",
                "c-1,2026-03-01T10:00:02Z,0.75,1,false,churn,churn-model,low,,",
            ],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Domain_and_entity_filters_keep_only_the_matching_rows_and_idle_time_ends_the_export()
    {
        await ProduceAsync(
            Record("equipment", "m-1", seconds: 0, score: 0.25, version: 1, warmup: false, offset: 1),
            Record("equipment", "m-2", seconds: 1, score: 0.5, version: 1, warmup: false, offset: 2),
            Record("security", "m-1", seconds: 2, score: 0.9, version: 2, warmup: false, offset: 3));

        var run = await CliRun.RunAsync(
            "scores", "export", "--bootstrap", _broker.BootstrapServers, "--domain", "equipment", "--entity", "m-1", "--idle", "2s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "entity,ts,score,model_version,warmup,domain,model,band,failure_risk,failure_model_version",
                "m-1,2026-03-01T10:00:00Z,0.25,1,false,equipment,equipment-model,low,,",
            ],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_missing_scores_topic_is_one_error_line()
    {
        var run = await CliRun.RunAsync("scores", "export", "--bootstrap", _broker.BootstrapServers, "--topic", "no-such-scores", "--to-end");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: topic no-such-scores not found on Kafka at {_broker.BootstrapServers}", line, StringComparison.Ordinal);
    }

    private static ScoreRecord Record(string domain, string entity, int seconds, double score, int version, bool warmup, long offset, string? model = null) =>
        new(domain, entity, _t0.AddSeconds(seconds), score, model ?? $"{domain}-model", version, "low", warmup, Partition: 0, offset);

    private async Task ProduceAsync(params ScoreRecord[] records)
    {
        foreach (var record in records)
        {
            await ProduceRawAsync(JsonSerializer.Serialize(record, EventJson.Options), record.EntityId);
        }
    }

    private async Task ProduceRawAsync(string value, string key = "x")
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers }).Build();
        await producer.ProduceAsync(TopicNames.Scores, new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(value) });
    }
}
