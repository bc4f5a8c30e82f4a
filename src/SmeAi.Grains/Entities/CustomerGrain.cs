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
/// A customer: consumes <c>customer-events</c> for its id, keeps event-time activity windows, scores the
/// churn probability with the <c>churn</c> model, feeds its trainer, and labels the samples on <c>cancel</c>.
/// </summary>
[ImplicitStreamSubscription(StreamNames.CustomerEvents)]
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Default)] IPersistentState<CustomerState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options,
    ModelCache models,
    ScoringMetrics metrics) : EntityGrain<CustomerEvent, CustomerState>(state, counter, options), ICustomerGrain
{
    public const string ModelName = "churn";

    private TrainerFeed? _feed;

    protected override async ValueTask ApplyAsync(CustomerEvent item)
    {
        _feed ??= new TrainerFeed(GrainFactory);
        CustomerFeatures.Apply(State, item);
        if (item.Type == "cancel")
        {
            await _feed.FlushAsync();
            await GrainFactory.GetGrain<ITrainerGrain>(ModelName).AddLabelAsync(EntityId, item.Ts);
            return;
        }

        var row = CustomerFeatures.Row(State, item.Ts);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (models.GetScorer(ModelName) is { } scorer && scorer.Schema.Count == row.Length)
        {
            var score = scorer.Score(row).Score;
            State.RecordScore(item.Ts, score, ModelName, scorer.ModelVersion);
            _feed.LiveScore(score);
            metrics.Scored("churn", started);
        }

        await _feed.SampleAsync(ModelName, CustomerFeatures.Names, new TrainingSample(EntityId, item.Ts, row));
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
