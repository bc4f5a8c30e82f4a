namespace SmeAi.Silo.Security;

/// <summary>Who may change things. Bound from the <c>Security</c> section.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// The key write endpoints (retrain, promote, rollback, delete) and the Orleans dashboard require in
    /// <c>X-Api-Key</c>. Empty in embedded mode: one is generated and printed once at start. Empty in
    /// PostgreSQL mode: write endpoints answer 401, since silos could not agree on a generated key.
    /// </summary>
    [Orleans.Redact]
    public string ApiKey { get; set; } = "";
}
