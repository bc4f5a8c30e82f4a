using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Entities;

namespace SmeAi.Cli.Pipeline;

/// <summary>
/// Where the replay of one input topic comes back out: the score domain, which events get a score, the model whose
/// first version the replay waits for, the alerts topic to read (if any), and the models trained beside it
/// (<paramref name="CompanionModels"/> of that model's name: a machine's failure classifier), whose trainers the replay
/// also waits for and retrains.
/// </summary>
internal sealed record ReplayTarget<TEvent>(
    string ScoreDomain, Func<TEvent, bool> IsScored, Func<string, bool> IsModel, string? AlertTopic, Func<string, IReadOnlyList<string>>? CompanionModels = null)
    where TEvent : IEntityEvent;

/// <summary>The targets of the entity grains.</summary>
internal static class ReplayTargets
{
    /// <summary>
    /// Machines: telemetry readings are scored by the anomaly model of their sensor set and get a failure probability
    /// from the failure classifier of the same sensor set (same hash, <see cref="MachineModelNames.FailurePrefix"/>).
    /// </summary>
    public static ReplayTarget<MachineTelemetry> Machines { get; } = new(
        AlertDomains.Equipment,
        e => e.Kind == MachineTelemetry.KindTelemetry,
        name => name.StartsWith(MachineModelNames.Prefix, StringComparison.Ordinal),
        TopicNames.EquipmentAlerts,
        name => [MachineModelNames.FailurePrefix + name[MachineModelNames.Prefix.Length..]]);

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
