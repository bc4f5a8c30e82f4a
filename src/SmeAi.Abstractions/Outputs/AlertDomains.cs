namespace SmeAi.Abstractions.Outputs;

/// <summary>The three scoring domains and the output topic each one publishes to.</summary>
public static class AlertDomains
{
    public const string Equipment = "equipment";
    public const string Churn = "churn";
    public const string Security = "security";

    public static IReadOnlyList<string> All { get; } = [Equipment, Churn, Security];

    public static bool IsKnown(string? domain) => domain is Equipment or Churn or Security;

    /// <summary>The output topic that carries a domain's alerts (or, for churn, its score updates).</summary>
    public static string TopicOf(string domain) => domain switch
    {
        Equipment => TopicNames.EquipmentAlerts,
        Churn => TopicNames.ChurnScores,
        Security => TopicNames.SecurityAlerts,
        _ => throw new ArgumentOutOfRangeException(nameof(domain), domain, "unknown domain"),
    };
}
