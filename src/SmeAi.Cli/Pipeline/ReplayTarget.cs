using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Entities;

namespace SmeAi.Cli.Pipeline;

/// <summary>
/// Where the replay of one input topic comes back out: the score domain, which events get a score, the model that must
/// have a first version after the warm-up, and the alerts topic to read (if any).
/// </summary>
internal sealed record ReplayTarget<TEvent>(
    string ScoreDomain, Func<TEvent, bool> IsScored, Func<string, bool> IsModel, string? AlertTopic)
    where TEvent : IEntityEvent;

/// <summary>The targets of the entity grains.</summary>
internal static class ReplayTargets
{
    /// <summary>
    /// Machines: telemetry readings are scored by the anomaly model of their sensor set and get a failure probability
    /// from the failure classifier of the same sensor set (same hash, <see cref="MachineModelNames.FailurePrefix"/>),
    /// which the replay trains like every model that gets samples.
    /// </summary>
    public static ReplayTarget<MachineTelemetry> Machines { get; } = new(
        AlertDomains.Equipment,
        e => e.Kind == MachineTelemetry.KindTelemetry,
        name => name.StartsWith(MachineModelNames.Prefix, StringComparison.Ordinal),
        TopicNames.EquipmentAlerts);

    /// <summary>Customers: every event but a cancel is scored by the churn classifier.</summary>
    public static ReplayTarget<CustomerEvent> Customers { get; } = new(
        AlertDomains.Churn,
        e => e.Type != "cancel",
        name => name == CustomerGrain.ModelName,
        null);

    /// <summary>Security subjects: every event is scored; connection records with features by the model of their feature set.</summary>
    public static ReplayTarget<SecurityEvent> SecurityFeatureSets { get; } = new(
        AlertDomains.Security,
        _ => true,
        name => name.StartsWith(RiskMonitorGrain.FeatureSetModelPrefix, StringComparison.Ordinal),
        TopicNames.SecurityAlerts);
}
