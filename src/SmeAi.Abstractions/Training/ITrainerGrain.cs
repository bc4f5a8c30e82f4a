using Orleans.Concurrency;

namespace SmeAi.Abstractions.Training;

/// <summary>
/// Retrains one model (keyed by model name) from samples that entity grains send: on a schedule
/// (event time, so a replay retrains as the live run would), on drift of live scores, and on demand.
/// Training runs off the Orleans scheduler; the result goes to the model grain of the same name.
/// </summary>
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Adds sampled feature rows; may start a scheduled retraining when event time has moved on far enough.</summary>
    [OneWay]
    Task AddSamplesAsync(TrainingBatch batch);

    /// <summary>Which rows the trainer would still keep, so entity grains need not queue the others.</summary>
    Task<SampleFilter> GetSampleFilterAsync();

    /// <summary>A label event (machine failure, customer cancel, confirmed incident): marks that entity's recent samples positive.</summary>
    [OneWay]
    Task AddLabelAsync(string entityId, DateTimeOffset ts);

    /// <summary>
    /// Calibrated scores that version <paramref name="modelVersion"/> gave to live events, for the drift check; the trainer
    /// keeps only those of the version the silo scores with now.
    /// </summary>
    [OneWay]
    Task AddLiveScoresAsync(int modelVersion, float[] scores);

    /// <summary>Trains now on what has been collected and waits for the outcome.</summary>
    /// <remarks>
    /// A training can outlast Orleans' default 30 s response timeout (a failure classifier's 200 epochs on two cores); a
    /// caller that stops waiting earlier (the API after <c>Api:RetrainWait</c>) does so itself, without a timed-out call
    /// and its warnings in the silo's log.
    /// </remarks>
    [ResponseTimeout("00:30:00")]
    Task<TrainingOutcome> RetrainAsync(string reason);

    Task<TrainerStatus> GetStatusAsync();

    /// <summary>Right to erasure: removes the entity's samples and labels; returns how many samples were removed.</summary>
    Task<int> ForgetEntityAsync(string entityId);
}
