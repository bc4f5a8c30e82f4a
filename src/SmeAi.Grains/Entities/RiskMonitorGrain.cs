using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Statistics;

namespace SmeAi.Grains.Entities;

/// <summary>A security subject (user or host): consumes <c>security-events</c> for its id.</summary>
[ImplicitStreamSubscription(StreamNames.SecurityEvents)]
public sealed class RiskMonitorGrain(
    [PersistentState("risk", StorageNames.Default)] IPersistentState<EntityStreamState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options) : EntityGrain<SecurityEvent, EntityStreamState>(state, counter, options), IRiskMonitorGrain
{
    protected override ValueTask ApplyAsync(SecurityEvent item) => ValueTask.CompletedTask;
}
