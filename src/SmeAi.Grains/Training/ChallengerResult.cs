using SmeAi.ML.Models;

namespace SmeAi.Grains.Training;

/// <summary>A trained challenger, or why there is none, and how it compared with the champion on the gate slice.</summary>
public sealed record ChallengerResult(ModelArtifact? Artifact, string? Refusal, bool BeatsChampion, string Comparison)
{
    public static ChallengerResult Refused(string reason) => new(null, reason, false, reason);
}
