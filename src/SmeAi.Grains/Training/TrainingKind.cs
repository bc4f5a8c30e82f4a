namespace SmeAi.Grains.Training;

/// <summary>What a trainer grain trains, decided by the model name (<see cref="TrainerOptions.ClassifierPrefixes"/>).</summary>
public enum TrainingKind
{
    /// <summary>A VAE on normal rows (rows not marked positive); score = calibrated reconstruction error.</summary>
    Anomaly,

    /// <summary>A supervised MLP on rows labelled by label events, with class weighting and Platt calibration.</summary>
    Classifier,
}
