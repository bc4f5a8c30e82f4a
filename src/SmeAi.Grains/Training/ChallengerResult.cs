using SmeAi.ML.Models;

namespace SmeAi.Grains.Training;

/// <summary>
/// A trained challenger, or why there is none (<paramref name="TooLittleData"/>: more rows or labels could change
/// that), and how it compared with the champion on the gate slice.
/// </summary>
public sealed record ChallengerResult(ModelArtifact? Artifact, string? Refusal, bool BeatsChampion, string Comparison, bool TooLittleData = false)
{
    public static ChallengerResult Refused(string reason, bool tooLittleData = false) => new(null, reason, false, reason, tooLittleData);
}
