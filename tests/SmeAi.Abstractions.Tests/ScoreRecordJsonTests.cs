using System.Text.Json;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.Abstractions.Tests;

public sealed class ScoreRecordJsonTests
{
    private static readonly DateTimeOffset Ts = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_machine_score_carries_its_failure_probability_and_a_record_without_one_reads_and_writes_as_before()
    {
        var withRisk = new ScoreRecord("equipment", "m-1", Ts, 0.2, "equipment-anomaly-x", 3, "low", false, 4, 17, 0.75, 2);
        var json = JsonSerializer.Serialize(withRisk, EventJson.Options);
        Assert.Contains("\"failureRisk\":0.75", json, StringComparison.Ordinal);
        Assert.Contains("\"failureModelVersion\":2", json, StringComparison.Ordinal);
        Assert.Equal(withRisk, JsonSerializer.Deserialize<ScoreRecord>(json, EventJson.Options));

        var withoutRisk = withRisk with { FailureRisk = null, FailureModelVersion = null };
        var plain = JsonSerializer.Serialize(withoutRisk, EventJson.Options);
        Assert.DoesNotContain("failure", plain, StringComparison.Ordinal);
        const string older = """{"domain":"churn","entityId":"c-1","ts":"2026-12-04T10:00:00+00:00","score":0.4,"modelName":"churn","modelVersion":1,"band":"medium","warmup":false,"partition":0,"offset":5}""";
        var read = JsonSerializer.Deserialize<ScoreRecord>(older, EventJson.Options)!;
        Assert.Equal(("churn", 0.4, 5L), (read.Domain, read.Score, read.Offset));
        Assert.Null(read.FailureRisk);
        Assert.Null(read.FailureModelVersion);
    }

    public static TheoryData<ScoreRecord> Records() =>
    [
        new("equipment", "m-1", Ts, 0.2, "equipment-anomaly-x", 3, "low", false, 4, 17, 0.75, 2),
        new("churn", "c-\u00e9<&>\"\\\n", new DateTimeOffset(2026, 12, 4, 10, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567), 1.0 / 3, "churn", 0, "medium", true, 0, 0),
        new("security", "s", Ts, 0, "rules", 12, "high", false, 15, long.MaxValue, null, 7),
        new("equipment", "m-2", DateTimeOffset.MinValue, 1e-300, "m", int.MaxValue, "low", false, int.MaxValue, 1, double.Epsilon, null),
        new(null!, null!, Ts, 0.5, null!, 1, null!, false, 1, 2),
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void The_fast_writer_writes_the_bytes_the_serializer_writes(ScoreRecord record)
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(record, EventJson.Options);

        var written = ScoreRecordJson.ToUtf8Bytes(record);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(written));
        Assert.Equal(record, JsonSerializer.Deserialize<ScoreRecord>(written, EventJson.Options));
    }

    [Fact]
    public void Records_written_one_after_another_do_not_share_bytes()
    {
        var first = ScoreRecordJson.ToUtf8Bytes(new ScoreRecord("equipment", "a-long-machine-id", Ts, 0.9, "model", 1, "high", false, 1, 100, 0.5, 1));
        var second = ScoreRecordJson.ToUtf8Bytes(new ScoreRecord("churn", "c", Ts, 0.1, "m", 2, "low", true, 0, 1));

        Assert.Equal("a-long-machine-id", JsonSerializer.Deserialize<ScoreRecord>(first, EventJson.Options)!.EntityId);
        Assert.Equal("c", JsonSerializer.Deserialize<ScoreRecord>(second, EventJson.Options)!.EntityId);
    }
}
