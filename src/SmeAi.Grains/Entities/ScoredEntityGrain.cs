using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Outputs;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Alerts;
using SmeAi.Grains.Statistics;
using SmeAi.ML.Inference;

namespace SmeAi.Grains.Entities;

/// <summary>
/// What the domain grains share once an event became a feature row: score it with the cached model of that name
/// (recording the version), combine it with the entity's own baseline and the domain's rule signals, publish the score,
/// run the alert state machine, learn the baseline, and feed the row to the model's trainer.
/// </summary>
public abstract partial class ScoredEntityGrain<TEvent, TState> : EntityGrain<TEvent, TState>
    where TEvent : IEntityEvent
    where TState : EntityStreamState, new()
{
    /// <summary>Features named in an alert's explanation.</summary>
    public const int ExplainedFeatures = 3;

    /// <summary>Source of a score that came from the entity's own baseline rather than a model.</summary>
    public const string BaselineSource = "baseline";

    /// <summary>Source of a score that came from the domain's rules rather than a model.</summary>
    public const string RulesSource = "rules";

    private readonly EntityScoringServices _services;
    private readonly string _domain;
    private readonly DomainAlertOptions _alerting;
    private TrainerFeed? _feed;
    private TrainerFeed? _labelledFeed;

    protected ScoredEntityGrain(
        IPersistentState<TState> state, SiloEventCounter counter, IOptions<EntityGrainOptions> options, EntityScoringServices services, string domain)
        : base(state, counter, options)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _domain = domain;
        _alerting = services.Alerts.For(domain);
    }

    protected AlertOptions Alerting => _services.Alerts;

    protected IOutputSink Outputs => _services.Outputs;

    /// <summary>Whether a reading far outside the entity's own baseline is itself an anomaly (machines), not only an explanation.</summary>
    protected virtual bool BaselineDetects => false;

    private TrainerFeed Feed => _feed ??= new TrainerFeed(GrainFactory, _services.Traffic, _services.SampleFilters);

    /// <summary>The model this grain last fed, if any.</summary>
    protected string? FedModel => _feed?.ModelName;

    /// <summary>
    /// Machines' second model: the probability, from <paramref name="modelName"/>'s classifier when it has a version
    /// with this schema, that the entity fails within the label horizon; then samples the row for that classifier's
    /// trainer (the entity's failure events label it). Null until such a model exists.
    /// </summary>
    protected async ValueTask<FailureRisk?> ScoreFailureRiskAsync(string modelName, IReadOnlyList<string> featureNames, float[] row, DateTimeOffset ts)
    {
        ArgumentNullException.ThrowIfNull(row);
        FailureRisk? risk = null;
        if (_services.Models.GetScorer(modelName) is { } scorer && scorer.Schema.Count == row.Length
            && FiniteScore(scorer, scorer.Score(row, [])) is { } probability)
        {
            risk = new FailureRisk(ts, probability, modelName, scorer.ModelVersion);
            State.FailureRisk = risk;
        }

        State.FedModels.Add(modelName);
        State.LabelledModelName = modelName;
        await (_labelledFeed ??= new TrainerFeed(GrainFactory, _services.Traffic, _services.SampleFilters)).SampleAsync(modelName, featureNames, new TrainingSample(EntityId, ts, row));
        return risk;
    }

    /// <summary>
    /// Scores <paramref name="row"/> (with <paramref name="modelName"/> when it has a version with this schema), publishes
    /// the score (with the event's <paramref name="failureRisk"/>, if any), raises or clears the entity's alert, then
    /// samples the row for training.
    /// </summary>
    protected async ValueTask<ScoredEvent> ScoreAndSampleAsync(
        string modelName, IReadOnlyList<string> featureNames, float[] row, DateTimeOffset ts, RuleSignals rules, FailureRisk? failureRisk = null)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(row);
        var started = Stopwatch.GetTimestamp();
        Span<FeatureContribution> contributions = stackalloc FeatureContribution[ExplainedFeatures];
        var modelScore = -1.0;
        LiveScore? liveScore = null;
        var version = 0;
        var contributed = 0;
        if (_services.Models.GetScorer(modelName) is { } scorer && scorer.Schema.Count == row.Length
            && scorer.Score(row, contributions) is var result && FiniteScore(scorer, result) is not null)
        {
            modelScore = result.Score;
            version = scorer.ModelVersion;
            contributed = result.ContributionCount;
            State.RecordScore(ts, modelScore, modelName, version);
            liveScore = new LiveScore(version, result.Score);
            _services.Metrics.Scored(_domain, started);
        }

        var baselineScore = BaselineDetects ? State.Baseline.AnomalyScore(featureNames, row, Alerting.BaselineWarmup) : 0;
        var modelCounts = rules.Fired.Count == 0 ? Math.Min(modelScore, _alerting.ModelAloneCap) : modelScore;
        var scored = Combine(modelName, modelCounts, version, baselineScore, rules, ts);
        var alert = NextAlert(scored, rules, featureNames, row, contributions[..contributed]);
        if (State.Alerts.Open is null && baselineScore < 0.5)
        {
            // A reading that is alerting (or far off) is not the entity's normal; learning it would hide a lasting fault.
            State.Baseline.Learn(featureNames, row);
        }

        await Outputs.PublishScoreAsync(new ScoreRecord(
            _domain, EntityId, ts, scored.Warmup ? 0 : scored.Score, modelName, version, BandOf(scored.Score), scored.Warmup,
            CurrentPosition.Partition, CurrentPosition.Offset, failureRisk?.Probability, failureRisk?.ModelVersion));
        if (alert is not null)
        {
            await Outputs.PublishAlertAsync(alert);
        }

        State.FedModels.Add(modelName);
        State.SampledModelName = modelName;
        await Feed.SampleAsync(modelName, featureNames, new TrainingSample(EntityId, ts, row), liveScore);
        return scored;
    }

    /// <summary>
    /// The score, or null when the model gave none that is finite (a row with a NaN feature): the event then counts as
    /// unscored by that model. A NaN score would reach the score record, whose JSON cannot carry it, and the event
    /// would fail on every redelivery.
    /// </summary>
    private float? FiniteScore(IScorer scorer, ScoreResult result)
    {
        if (float.IsFinite(result.Score))
        {
            return result.Score;
        }

        LogNoFiniteScore(Logger, GetType().Name, EntityId, scorer.ModelName, scorer.ModelVersion, CurrentPosition.Partition, CurrentPosition.Offset);
        return null;
    }

    /// <summary>
    /// The state about to be written says these events were applied, so their outputs must be on Kafka first. The
    /// trainer feed goes out too: a quiet entity may take days to fill a batch, and its trainer should not wait that long.
    /// While the silo stops the feeds send nothing (<see cref="TrainerTraffic.SiloStopping"/>).
    /// </summary>
    protected override async ValueTask BeforeWriteStateAsync()
    {
        await FlushFeedsAsync();
        await Outputs.FlushAsync();
    }

    /// <summary>Band of a score as published with it: churn bands for customers, alert thresholds for the others.</summary>
    protected virtual string BandOf(double score) =>
        score >= _alerting.RaiseThreshold ? "high" : score >= _alerting.ClearThreshold ? "medium" : "low";

    /// <summary>Sends what was sampled, then tells the model's trainer that this entity's recent rows were positive.</summary>
    protected async ValueTask LabelAsync(string modelName, DateTimeOffset ts)
    {
        await FlushFeedsAsync();
        State.FedModels.Add(modelName);
        _services.Traffic.Queued(1);
        await GrainFactory.GetGrain<ITrainerGrain>(modelName).AddLabelAsync(EntityId, ts);
    }

    /// <summary>
    /// Drops the unsent samples and removes the sent ones (and labels) from every trainer this entity fed. Waits for the
    /// outputs already published, so alerts on their way to the store are there when the caller deletes them.
    /// </summary>
    protected override async ValueTask<int> EraseDownstreamAsync()
    {
        _feed?.Discard();
        _labelledFeed?.Discard();
        var models = new HashSet<string>(State.FedModels, StringComparer.Ordinal);
        foreach (var model in new[] { FedModel, State.ModelName })
        {
            if (model is not null)
            {
                models.Add(model);
            }
        }

        var removed = 0;
        foreach (var model in models.Order(StringComparer.Ordinal))
        {
            removed += await GrainFactory.GetGrain<ITrainerGrain>(model).ForgetEntityAsync(EntityId);
        }

        await Outputs.FlushThroughAlertStoreAsync();
        return removed;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushFeedsAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async ValueTask FlushFeedsAsync()
    {
        if (_feed is not null)
        {
            await _feed.FlushAsync();
        }

        if (_labelledFeed is not null)
        {
            await _labelledFeed.FlushAsync();
        }
    }

    private static ScoredEvent Combine(string modelName, double modelScore, int version, double baselineScore, RuleSignals rules, DateTimeOffset ts)
    {
        var warmup = modelScore < 0;
        var best = Math.Max(Math.Max(modelScore, 0), Math.Max(baselineScore, rules.Score));
        var source = !warmup && modelScore >= best ? modelName : rules.Score >= best && rules.Score > 0 ? RulesSource : BaselineSource;
        return new ScoredEvent(ts, best, source, source == modelName ? version : 0, warmup);
    }

    /// <summary>Runs the alert state machine on <paramref name="scored"/>; returns the alert raised or cleared, if any.</summary>
    private Alert? NextAlert(ScoredEvent scored, RuleSignals rules, IReadOnlyList<string> names, float[] row, ReadOnlySpan<FeatureContribution> contributions)
    {
        var tracker = State.Alerts;
        switch (AlertPolicy.Next(tracker, _alerting, scored.Score, scored.Ts, rules.Urgent))
        {
            case AlertTransition.Raise:
                Span<int> modelOrder = stackalloc int[contributions.Length];
                for (var i = 0; i < contributions.Length; i++)
                {
                    modelOrder[i] = contributions[i].FeatureIndex;
                }

                tracker.Open = new Alert(
                    AlertIds.For(_domain, EntityId, scored.Ts), _domain, EntityId, scored.Ts, scored.Score, _alerting.SeverityOf(scored.Score),
                    Alert.StatusOpen, scored.Source, scored.ModelVersion, State.Baseline.Explain(names, row, modelOrder, ExplainedFeatures),
                    rules.Fired, _domain == AlertDomains.Churn ? BandOf(scored.Score) : null);
                tracker.LastRaisedTs = scored.Ts;
                return tracker.Open;
            case AlertTransition.Clear when tracker.Open is { } open:
                tracker.Open = null;
                return open with { Ts = scored.Ts, Score = scored.Score, Status = Alert.StatusCleared };
            default:
                return null;
        }
    }

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning,
        Message = "{Grain} {EntityId}: model {ModelName} v{ModelVersion} gave no finite score for the event at partition {Partition} offset {Offset}; it counts as unscored by that model")]
    private static partial void LogNoFiniteScore(ILogger logger, string grain, string entityId, string modelName, int modelVersion, int partition, long offset);
}
