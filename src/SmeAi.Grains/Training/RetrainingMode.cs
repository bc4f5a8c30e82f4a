namespace SmeAi.Grains.Training;

/// <summary>What starts a training in a trainer grain (<see cref="TrainerOptions.Retraining"/>).</summary>
public enum RetrainingMode
{
    /// <summary>The trainer trains by itself: on its first data, as event time passes, on a reminder, on drift; and when asked.</summary>
    Automatic,

    /// <summary>
    /// Only when asked (<c>POST /api/models/{name}/retrain</c>, <c>ITrainerGrain.RetrainAsync</c>): for a replay that
    /// decides itself when each model retrains, so the same replay trains the same versions.
    /// </summary>
    OnDemand,
}
