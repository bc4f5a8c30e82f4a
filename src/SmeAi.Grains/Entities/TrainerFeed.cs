using SmeAi.Abstractions.Training;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Entities;

/// <summary>
/// An entity grain's outbox to one trainer grain: feature rows and live scores, sent in batches so the
/// trainer gets a few one-way calls instead of one per event. Not persisted: a lost batch of samples
/// only thins the reservoir.
/// </summary>
internal sealed class TrainerFeed(IGrainFactory grains, TrainerTraffic traffic)
{
    public const int BatchSize = 25;

    private readonly List<TrainingSample> _samples = [];
    private readonly List<float> _scores = [];
    private string? _modelName;
    private IReadOnlyList<string> _featureNames = [];

    // The trainer of _modelName, kept: GetGrain resolves the interface type by reflection on every call, which cost
    // as much as the sends themselves under load.
    private ITrainerGrain? _trainer;

    public string? ModelName => _modelName;

    /// <summary>Queues a row for <paramref name="modelName"/>; a change of model sends what was queued for the previous one.</summary>
    public async ValueTask SampleAsync(string modelName, IReadOnlyList<string> featureNames, TrainingSample sample)
    {
        if (_modelName != modelName || (!ReferenceEquals(_featureNames, featureNames) && !_featureNames.SequenceEqual(featureNames)))
        {
            await FlushAsync();
            if (_modelName != modelName)
            {
                _trainer = null;
            }

            _modelName = modelName;
            _featureNames = featureNames;
        }

        _samples.Add(sample);
        traffic.Queued(1);
        if (_samples.Count >= BatchSize)
        {
            await FlushAsync();
        }
    }

    public void LiveScore(float score) => _scores.Add(score);

    /// <summary>Drops what is queued and not sent (the entity is being erased).</summary>
    public void Discard()
    {
        traffic.Discarded(_samples.Count);
        _samples.Clear();
        _scores.Clear();
    }

    public async ValueTask FlushAsync()
    {
        if (_modelName is null)
        {
            return;
        }

        var trainer = _trainer ??= grains.GetGrain<ITrainerGrain>(_modelName);
        if (_samples.Count > 0)
        {
            await trainer.AddSamplesAsync(new TrainingBatch(_featureNames, [.. _samples]));
            _samples.Clear();
        }

        if (_scores.Count >= BatchSize)
        {
            await trainer.AddLiveScoresAsync([.. _scores]);
            _scores.Clear();
        }
    }
}
