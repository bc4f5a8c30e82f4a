using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Statistics;

namespace SmeAi.Grains.Entities;

/// <summary>A machine: consumes <c>machine-telemetry</c> for its id.</summary>
[ImplicitStreamSubscription(StreamNames.MachineTelemetry)]
public sealed class MachineGrain(
    [PersistentState("machine", StorageNames.Default)] IPersistentState<EntityStreamState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options) : EntityGrain<MachineTelemetry, EntityStreamState>(state, counter, options), IMachineGrain
{
    protected override ValueTask ApplyAsync(MachineTelemetry item) => ValueTask.CompletedTask;
}
