using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Statistics;

namespace SmeAi.Grains.Entities;

/// <summary>
/// A customer: consumes <c>customer-events</c> for its id, keeps event-time activity windows, scores the churn
/// probability with the <c>churn</c> model (band low, medium or high), publishes band changes and a periodic update to
/// <c>churn-scores</c>, feeds its trainer, and labels the samples on <c>cancel</c>.
/// </summary>
[ImplicitStreamSubscription(StreamNames.CustomerEvents)]
[Orleans.Placement.PreferLocalPlacement]
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Default)] IPersistentState<CustomerState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options,
    EntityScoringServices services)
    : ScoredEntityGrain<CustomerEvent, CustomerState>(state, counter, options, services, AlertDomains.Churn), ICustomerGrain
{
    public const string ModelName = "churn";

    protected override async ValueTask ApplyAsync(CustomerEvent item)
    {
        CustomerFeatures.Apply(State, item);
        if (item.Type == "cancel")
        {
            await LabelAsync(ModelName, item.Ts);
            return;
        }

        var row = CustomerFeatures.Row(State, item.Ts);
        var scored = await ScoreAndSampleAsync(ModelName, CustomerFeatures.Names, row, item.Ts, RuleSignals.None);
        if (!scored.Warmup)
        {
            await PublishChurnUpdateIfDueAsync(scored, row);
        }
    }

    protected override string BandOf(double score) => Alerting.ChurnBandOf(score);

    private async ValueTask PublishChurnUpdateIfDueAsync(ScoredEvent scored, float[] row)
    {
        var tracker = State.Alerts;
        var band = BandOf(scored.Score);
        if (band == tracker.LastBand && tracker.LastUpdateTs is { } last && scored.Ts - last < Alerting.ChurnUpdateInterval)
        {
            return;
        }

        tracker.LastBand = band;
        tracker.LastUpdateTs = scored.Ts;
        await Outputs.PublishChurnUpdateAsync(new Alert(
            Alerts.AlertIds.For("churn-update", EntityId, scored.Ts), AlertDomains.Churn, EntityId, scored.Ts, scored.Score,
            Alerting.Churn.SeverityOf(scored.Score), Alert.StatusUpdate, scored.Source, scored.ModelVersion,
            State.Baseline.Explain(CustomerFeatures.Names, row, [], ScoredEntityGrain<CustomerEvent, CustomerState>.ExplainedFeatures), [], band));
    }
}
