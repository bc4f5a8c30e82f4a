using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Statistics;

namespace SmeAi.Grains.Entities;

/// <summary>
/// A machine: consumes <c>machine-telemetry</c> for its id, scores each reading with the anomaly model of its sensor
/// set and against its own baseline (so a machine alerts on a jump even before any model knows its sensors), feeds
/// the model's trainer, and labels the readings when the machine reports a failure (so the trainer keeps them out of
/// the next model of normal behaviour).
/// </summary>
[ImplicitStreamSubscription(StreamNames.MachineTelemetry)]
[Orleans.Placement.PreferLocalPlacement]
public sealed class MachineGrain(
    [PersistentState("machine", StorageNames.Default)] IPersistentState<EntityStreamState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options,
    EntityScoringServices services)
    : ScoredEntityGrain<MachineTelemetry, EntityStreamState>(state, counter, options, services, AlertDomains.Equipment), IMachineGrain
{
    protected override bool BaselineDetects => true;

    protected override async ValueTask ApplyAsync(MachineTelemetry item)
    {
        switch (item.Kind)
        {
            case MachineTelemetry.KindFailure:
                // The stored name: a failure often comes after a quiet spell, to an activation that has fed nothing yet.
                if ((State.SampledModelName ?? State.ModelName) is { } failedModel)
                {
                    await LabelAsync(failedModel, item.Ts);
                }

                if (State.LabelledModelName is { } failureModel)
                {
                    await LabelAsync(failureModel, item.Ts);
                }

                return;
            case MachineTelemetry.KindMaintenance:
                // A maintained machine starts a new normal; its old baseline would flag the repaired readings.
                State.Baseline = new();
                return;
        }

        if (item.Sensors.Count == 0)
        {
            return;
        }

        var (sensors, values) = MachineSensorSets.Row(item.Sensors);
        // The failure probability first, so the reading's score record on smeai-scores carries it.
        var risk = await ScoreFailureRiskAsync(sensors.FailureModelName, sensors.Names, values, item.Ts);
        await ScoreAndSampleAsync(sensors.ModelName, sensors.Names, values, item.Ts, RuleSignals.None, risk);
    }
}
