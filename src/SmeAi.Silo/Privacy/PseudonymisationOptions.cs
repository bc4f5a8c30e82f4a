namespace SmeAi.Silo.Privacy;

/// <summary>Pseudonymisation at ingestion. Bound from the <c>Privacy</c> section.</summary>
public sealed class PseudonymisationOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Secret key of the HMAC-SHA256 that replaces entity ids and IP addresses as events arrive, so no grain, state,
    /// score, alert or training sample holds the raw values. At least <see cref="PseudonymisationOptionsValidator.MinimumKeyLength"/>
    /// characters; never logged. Every silo of a cluster needs the same key, and changing it starts every entity afresh
    /// under new pseudonyms. Empty (the default) turns pseudonymisation off.
    /// </summary>
    [Orleans.Redact]
    public string PseudonymisationKey { get; set; } = "";

    public bool Enabled => PseudonymisationKey.Length > 0;
}
