using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;

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
    ScoringMetrics metrics)
    : ScoredEntityGrain<SecurityEvent, RiskState>(state, counter, options, models, metrics, "security"), IRiskMonitorGrain
{
    public const string ModelName = "security-anomaly";

    protected override ValueTask ApplyAsync(SecurityEvent item) =>
        ScoreAndSampleAsync(ModelName, RiskFeatures.Names, RiskFeatures.RowThenLearn(State, item), item.Ts);
}
