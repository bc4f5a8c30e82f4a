using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Statistics;

namespace SmeAi.Grains.Entities;

/// <summary>A customer: consumes <c>customer-events</c> for its id.</summary>
[ImplicitStreamSubscription(StreamNames.CustomerEvents)]
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Default)] IPersistentState<EntityStreamState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options) : EntityGrain<CustomerEvent, EntityStreamState>(state, counter, options), ICustomerGrain
{
    protected override ValueTask ApplyAsync(CustomerEvent item) => ValueTask.CompletedTask;
}
