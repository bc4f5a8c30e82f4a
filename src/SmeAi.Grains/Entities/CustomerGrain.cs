using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;

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
    ScoringMetrics metrics)
    : ScoredEntityGrain<CustomerEvent, CustomerState>(state, counter, options, models, metrics, "churn"), ICustomerGrain
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

        await ScoreAndSampleAsync(ModelName, CustomerFeatures.Names, CustomerFeatures.Row(State, item.Ts), item.Ts);
    }
}
