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
}
