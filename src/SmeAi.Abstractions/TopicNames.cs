namespace SmeAi.Abstractions;

/// <summary>The Kafka topics of the platform's contract (ARCHITECTURE.md, "Contracts").</summary>
public static class TopicNames
{
    public const string MachineTelemetry = "machine-telemetry";
    public const string CustomerEvents = "customer-events";
    public const string SecurityEvents = "security-events";

    public const string EquipmentAlerts = "equipment-alerts";
    public const string ChurnScores = "churn-scores";
    public const string SecurityAlerts = "security-alerts";

    /// <summary>The score of every input event (entity, event time, score, model version), for export and latency measurement.</summary>
    public const string Scores = "smeai-scores";

    /// <summary>Rejected input, with the reason and source coordinates in headers.</summary>
    public const string DeadLetter = "smeai-deadletter";

    public static IReadOnlyList<string> Inputs { get; } = [MachineTelemetry, CustomerEvents, SecurityEvents];

    public static IReadOnlyList<string> Outputs { get; } = [EquipmentAlerts, ChurnScores, SecurityAlerts, Scores, DeadLetter];
}
