using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Statistics;

namespace SmeAi.Grains.Entities;

/// <summary>
/// A security subject (user or host): consumes <c>security-events</c> for its id, scores each event against its own
/// habits with the <c>security-anomaly</c> model and the <see cref="SecurityRules"/>, and feeds that model's trainer.
/// </summary>
[ImplicitStreamSubscription(StreamNames.SecurityEvents)]
public sealed class RiskMonitorGrain(
    [PersistentState("risk", StorageNames.Default)] IPersistentState<RiskState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options,
    EntityScoringServices services)
    : ScoredEntityGrain<SecurityEvent, RiskState>(state, counter, options, services, AlertDomains.Security), IRiskMonitorGrain
{
    public const string ModelName = "security-anomaly";

    protected override async ValueTask ApplyAsync(SecurityEvent item)
    {
        var transfersBefore = State.Transfers;
        var row = RiskFeatures.RowThenLearn(State, item);
        await ScoreAndSampleAsync(ModelName, RiskFeatures.Names, row, item.Ts, SecurityRules.Evaluate(State, item.Ts, item.Device, row, transfersBefore));
    }
}
