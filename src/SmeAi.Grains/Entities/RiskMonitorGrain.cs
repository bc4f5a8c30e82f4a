using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;
using SmeAi.ML.Inference;

namespace SmeAi.Grains.Entities;

/// <summary>
/// A security subject (user or host): consumes <c>security-events</c> for its id, scores each event
/// against its own habits with the <c>security-anomaly</c> model, and feeds that model's trainer.
/// </summary>
[ImplicitStreamSubscription(StreamNames.SecurityEvents)]
public sealed class RiskMonitorGrain(
    [PersistentState("risk", StorageNames.Default)] IPersistentState<RiskState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options,
    ModelCache models,
    ScoringMetrics metrics) : EntityGrain<SecurityEvent, RiskState>(state, counter, options), IRiskMonitorGrain
{
    public const string ModelName = "security-anomaly";

    private TrainerFeed? _feed;

    protected override async ValueTask ApplyAsync(SecurityEvent item)
    {
        _feed ??= new TrainerFeed(GrainFactory);
        var row = RiskFeatures.RowThenLearn(State, item);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (models.GetScorer(ModelName) is { } scorer && scorer.Schema.Count == row.Length)
        {
            var score = scorer.Score(row).Score;
            State.RecordScore(item.Ts, score, ModelName, scorer.ModelVersion);
            _feed.LiveScore(score);
            metrics.Scored("security", started);
        }

        await _feed.SampleAsync(ModelName, RiskFeatures.Names, new TrainingSample(EntityId, item.Ts, row));
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
