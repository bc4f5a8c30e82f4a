namespace SmeAi.ML.Inference;

/// <summary>
/// One score. <see cref="Score"/> is calibrated to [0,1]; <see cref="Raw"/> is the model's own output
/// (reconstruction error, logit or critic value); the first <see cref="ContributionCount"/> entries of the
/// caller's contribution span were written, largest first.
/// </summary>
public readonly record struct ScoreResult(float Score, float Raw, int ContributionCount);

/// <summary>A feature's share of a score: for the VAE, its squared reconstruction error in standardised units.</summary>
public readonly record struct FeatureContribution(int FeatureIndex, float Value);
