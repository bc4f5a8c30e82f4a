namespace SmeAi.Cli.Silo;

// The JSON answers of the silo's HTTP API (src/SmeAi.Silo/Apis), read with web defaults (camelCase).

/// <summary><c>GET /api/system</c>.</summary>
internal sealed record SystemInfo(string Mode, string Silo, IReadOnlyList<string> Silos, string KafkaBootstrap, bool KafkaEmbedded, long EventsProcessed);

/// <summary>One entry of <c>GET /api/models</c>.</summary>
internal sealed record ModelSummary(string Name, int CurrentVersion, int StoredVersions);

/// <summary><c>GET /api/models/{name}</c>.</summary>
internal sealed record ModelDetails(string Name, int CurrentVersion, IReadOnlyList<ModelVersion> Versions, TrainerInfo? Trainer = null);

/// <summary>The <c>trainer</c> part of <c>GET /api/models/{name}</c>: whether it trains now, and its last outcome.</summary>
internal sealed record TrainerInfo(bool Training, RetrainOutcome? LastOutcome);

/// <summary>One stored version of a model; also the answer of promote and rollback.</summary>
internal sealed record ModelVersion(
    int Version,
    string Kind,
    string SchemaHash,
    int TrainingRows,
    int HeldOutRows,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PromotedAt);

/// <summary>The answer of <c>POST /api/models/{name}/retrain</c>.</summary>
internal sealed record RetrainOutcome(string ModelName, bool Published, bool Promoted, int Version, string Reason, string Detail, DateTimeOffset FinishedAt);

/// <summary>The 202 answer of retrain: the training goes on; its outcome is the first <c>lastOutcome</c> finished after <paramref name="PreviousFinishedAt"/>.</summary>
internal sealed record RetrainAccepted(string ModelName, string StatusPath, DateTimeOffset? PreviousFinishedAt, string Detail);

/// <summary>An RFC 9457 problem answer.</summary>
internal sealed record ProblemDetails(string? Title, string? Detail, int? Status);
