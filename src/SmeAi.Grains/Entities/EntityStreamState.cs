namespace SmeAi.Grains.Entities;

/// <summary>
/// What every entity grain persists about its stream: how many distinct events it applied and the
/// last Kafka offset applied per partition, which is what makes redelivered events recognisable.
/// </summary>
[GenerateSerializer]
public class EntityStreamState
{
    [Id(0)]
    public long EventsProcessed { get; set; }

    [Id(1)]
    public DateTimeOffset? LastEventTs { get; set; }

    /// <summary>Highest offset applied per partition; the key's events arrive in offset order within a partition.</summary>
    [Id(2)]
    public Dictionary<int, long> LastOffsets { get; set; } = [];

    [Id(3)]
    public double? LastScore { get; set; }

    [Id(4)]
    public string? ModelName { get; set; }

    [Id(5)]
    public int ModelVersion { get; set; }

    /// <summary>The entity's own normal per feature: explains alerts and, for machines, detects readings far outside it.</summary>
    [Id(7)]
    public SmeAi.Grains.Alerts.FeatureBaseline Baseline { get; set; } = new();

    [Id(8)]
    public SmeAi.Grains.Alerts.AlertTracker Alerts { get; set; } = new();

    /// <summary>Models whose trainers got this entity's samples or labels, so an erasure knows where to remove them.</summary>
    [Id(9)]
    public HashSet<string> FedModels { get; set; } = [];

    /// <summary>Machines: the latest failure probability, once the sensor set's failure model exists.</summary>
    [Id(10)]
    public SmeAi.Abstractions.Entities.FailureRisk? FailureRisk { get; set; }

    /// <summary>The supervised model this entity's rows were last sampled for, so a label finds it after a restart.</summary>
    [Id(11)]
    public string? LabelledModelName { get; set; }

    /// <summary>
    /// The model this entity's rows were last sampled for, with or without a version to score with, so a label finds it
    /// after a restart (<see cref="ModelName"/> is set only once a version scored).
    /// </summary>
    [Id(13)]
    public string? SampledModelName { get; set; }

    /// <summary>
    /// The latest scores. Id 6 held them as a list of score records before; a state written then reads back without
    /// its recent scores, which the next events refill.
    /// </summary>
    [Id(12)]
    public ScoreHistory RecentScores { get; set; } = new();

    public void RecordScore(DateTimeOffset ts, double score, string modelName, int modelVersion)
    {
        LastScore = score;
        ModelName = modelName;
        ModelVersion = modelVersion;
        RecentScores.Add(ts, score, modelVersion);
    }

    /// <summary>The last <see cref="ScoreHistory.Capacity"/> scores, oldest first.</summary>
    public List<SmeAi.Abstractions.Entities.ScorePoint> LatestScores() => RecentScores.ToList();

    /// <summary>True when (<paramref name="partition"/>, <paramref name="offset"/>) was not applied yet.</summary>
    public bool IsNew(int partition, long offset) => !LastOffsets.TryGetValue(partition, out var last) || offset > last;

    /// <summary>
    /// Records (<paramref name="partition"/>, <paramref name="offset"/>) as applied, once it was: an event recorded before
    /// applying it would be dropped as a duplicate when its failed delivery is retried.
    /// </summary>
    public void MarkApplied(int partition, long offset) => LastOffsets[partition] = offset;
}
