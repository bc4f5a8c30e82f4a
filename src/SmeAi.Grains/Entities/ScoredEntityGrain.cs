using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;
using SmeAi.ML.Inference;

namespace SmeAi.Grains.Entities;

/// <summary>
/// What the domain grains share once an event became a feature row: score it with the cached model of
/// that name (recording the version), feed the row to the model's trainer, pass labels on, and flush the
/// trainer feed on deactivation.
/// </summary>
public abstract class ScoredEntityGrain<TEvent, TState> : EntityGrain<TEvent, TState>
    where TEvent : IEntityEvent
    where TState : EntityStreamState, new()
{
    private readonly ModelCache _models;
    private readonly ScoringMetrics _metrics;
    private readonly string _domain;
    private TrainerFeed? _feed;

    protected ScoredEntityGrain(
        IPersistentState<TState> state,
        SiloEventCounter counter,
        IOptions<EntityGrainOptions> options,
        ModelCache models,
        ScoringMetrics metrics,
        string domain)
        : base(state, counter, options)
    {
        _models = models;
        _metrics = metrics;
        _domain = domain;
    }

    private TrainerFeed Feed => _feed ??= new TrainerFeed(GrainFactory);

    /// <summary>The model this grain last fed, if any.</summary>
    protected string? FedModel => _feed?.ModelName;

    /// <summary>Scores <paramref name="row"/> when <paramref name="modelName"/> has a version with this schema, then samples it for training.</summary>
    protected async ValueTask ScoreAndSampleAsync(string modelName, IReadOnlyList<string> featureNames, float[] row, DateTimeOffset ts)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_models.GetScorer(modelName) is { } scorer && scorer.Schema.Count == row.Length)
        {
            var score = scorer.Score(row).Score;
            State.RecordScore(ts, score, modelName, scorer.ModelVersion);
            Feed.LiveScore(score);
            _metrics.Scored(_domain, started);
        }

        await Feed.SampleAsync(modelName, featureNames, new TrainingSample(EntityId, ts, row));
    }

    /// <summary>Sends what was sampled, then tells the model's trainer that this entity's recent rows were positive.</summary>
    protected async ValueTask LabelAsync(string modelName, DateTimeOffset ts)
    {
        await Feed.FlushAsync();
        await GrainFactory.GetGrain<ITrainerGrain>(modelName).AddLabelAsync(EntityId, ts);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_feed is not null)
        {
            await _feed.FlushAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }
}
