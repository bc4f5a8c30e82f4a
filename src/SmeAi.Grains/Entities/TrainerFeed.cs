using SmeAi.Abstractions.Training;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Entities;

/// <summary>
/// An entity grain's outbox to one trainer grain: feature rows and live scores, sent in batches so the
/// trainer gets a few one-way calls instead of one per event. Rows the trainer's <see cref="SampleFilter"/> would
/// drop are only counted (the batch carries how many and their latest event time), so a busy entity queues almost
/// nothing once its trainer's reservoir is full. Not persisted: a lost batch of samples only thins the reservoir.
/// </summary>
internal sealed class TrainerFeed(IGrainFactory grains, TrainerTraffic traffic, TrainerSampleFilters filters)
{
    public const int BatchSize = 25;

    private readonly List<float> _scores = [];

    // The model version that gave the queued scores: drift is judged against one version's reference scores.
    private int _scoresVersion;

    // Created for a batch and let go once it is sent: most batches of a busy entity hold no row at all.
    private List<TrainingSample>? _samples;
    private int _filtered;
    private DateTimeOffset? _filteredLatestTs;
    private string? _modelName;
    private IReadOnlyList<string> _featureNames = [];

    // The trainer of _modelName, kept: GetGrain resolves the interface type by reflection on every call, which cost
    // as much as the sends themselves under load.
    private ITrainerGrain? _trainer;

    public string? ModelName => _modelName;

    /// <summary>
    /// Queues a row for <paramref name="modelName"/>, with the score that model gave it (null when it has no version yet);
    /// a change of model first sends everything queued for the previous one, and a change of version the scores of the previous one.
    /// </summary>
    public async ValueTask SampleAsync(string modelName, IReadOnlyList<string> featureNames, TrainingSample sample, LiveScore? liveScore = null)
    {
        if (_modelName != modelName || (!ReferenceEquals(_featureNames, featureNames) && !_featureNames.SequenceEqual(featureNames)))
        {
            // Live scores feed the trainer's drift check against its own model's reference scores: another model's
            // would make it see drift that is not there, or hide drift that is.
            var modelChanges = _modelName != modelName;
            await FlushAsync(allScores: modelChanges);
            if (modelChanges)
            {
                _trainer = null;
            }

            _modelName = modelName;
            _featureNames = featureNames;
        }

        if (liveScore is { } live)
        {
            if (live.ModelVersion != _scoresVersion && _scores.Count > 0 && !traffic.SiloStopping)
            {
                await SendScoresAsync(Trainer);
            }

            _scoresVersion = live.ModelVersion;
            _scores.Add(live.Score);
        }

        // Counted either way: a filtered row's count and time still go to the trainer.
        traffic.Queued(1);
        if (filters.For(modelName) is { KeepsAll: false } filter && RowPriority.Of(filter.Seed, sample.EntityId, sample.Ts, sample.Values) > filter.MaxPriority)
        {
            _filtered++;
            if (_filteredLatestTs is null || sample.Ts > _filteredLatestTs)
            {
                _filteredLatestTs = sample.Ts;
            }
        }
        else
        {
            (_samples ??= []).Add(sample);
        }

        if ((_samples?.Count ?? 0) + _filtered >= BatchSize)
        {
            await FlushAsync();
        }
    }

    /// <summary>Drops what is queued and not sent (the entity is being erased).</summary>
    public void Discard()
    {
        traffic.Discarded((_samples?.Count ?? 0) + _filtered);
        _samples = null;
        (_filtered, _filteredLatestTs) = (0, null);
        _scores.Clear();
    }

    /// <summary>Sends the queued rows, and the live scores once a batch of them is queued (all of them when <paramref name="allScores"/>).</summary>
    public async ValueTask FlushAsync(bool allScores = false)
    {
        if (_modelName is null || traffic.SiloStopping)
        {
            return;
        }

        var trainer = Trainer;
        if (_samples is { Count: > 0 } || _filtered > 0)
        {
            // The list goes with the batch (immutable from here on); the next row starts a new one.
            await trainer.AddSamplesAsync(new TrainingBatch(_featureNames, (IReadOnlyList<TrainingSample>?)_samples ?? [], _filtered, _filteredLatestTs));
            _samples = null;
            (_filtered, _filteredLatestTs) = (0, null);
        }

        if (_scores.Count >= BatchSize || (allScores && _scores.Count > 0))
        {
            await SendScoresAsync(trainer);
        }
    }

    private ITrainerGrain Trainer => _trainer ??= grains.GetGrain<ITrainerGrain>(_modelName!);

    private async ValueTask SendScoresAsync(ITrainerGrain trainer)
    {
        await trainer.AddLiveScoresAsync(_scoresVersion, [.. _scores]);
        _scores.Clear();
    }
}
