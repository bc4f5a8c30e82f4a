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
/// An event with numeric <c>features</c> but no ip, country or device (a connection record from a network sensor, for
/// example) is scored on its features instead, with the anomaly model of that feature set
/// (<c>security-anomaly-&lt;hash&gt;</c>, trained on what it sees, as machines get one per sensor set): the subject's
/// habit features are built from where and from what it connects, which such a record does not say.
/// </summary>
[ImplicitStreamSubscription(StreamNames.SecurityEvents)]
[Orleans.Placement.PreferLocalPlacement]
public sealed class RiskMonitorGrain(
    [PersistentState("risk", StorageNames.Default)] IPersistentState<RiskState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options,
    EntityScoringServices services)
    : ScoredEntityGrain<SecurityEvent, RiskState>(state, counter, options, services, AlertDomains.Security), IRiskMonitorGrain
{
    public const string ModelName = "security-anomaly";

    /// <summary>Prefix of the per-feature-set models of events that carry numeric features.</summary>
    public const string FeatureSetModelPrefix = "security-anomaly-";

    private static readonly FeatureSetCache<SecurityFeatureSet> FeatureSets = new(
        names => new SecurityFeatureSet(names, MachineModelNames.ForFeatureSet(FeatureSetModelPrefix, names)), set => set.Names);

    protected override async ValueTask ApplyAsync(SecurityEvent item)
    {
        if (item.Features is { Count: > 0 } features && item.Ip is null && item.Country is null && item.Device is null)
        {
            var (set, values) = FeatureSets.Row(features);
            await ScoreAndSampleAsync(set.ModelName, set.Names, values, item.Ts, RuleSignals.None);
            return;
        }

        var transfersBefore = State.Transfers;
        var row = RiskFeatures.RowThenLearn(State, item);
        await ScoreAndSampleAsync(ModelName, RiskFeatures.Names, row, item.Ts, SecurityRules.Evaluate(State, item.Ts, item.Device, row, transfersBefore));
    }
}

/// <summary>A set of connection features as risk monitors share it: the sorted names and the set's anomaly model.</summary>
internal sealed record SecurityFeatureSet(string[] Names, string ModelName);
