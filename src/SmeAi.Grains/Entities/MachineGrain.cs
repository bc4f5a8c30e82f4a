using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;

namespace SmeAi.Grains.Entities;

/// <summary>
/// A machine: consumes <c>machine-telemetry</c> for its id, scores each reading with the anomaly model
/// of its sensor set, feeds that model's trainer with its readings, and labels them when the machine
/// reports a failure (so the trainer keeps them out of the next model of normal behaviour).
/// </summary>
[ImplicitStreamSubscription(StreamNames.MachineTelemetry)]
public sealed class MachineGrain(
    [PersistentState("machine", StorageNames.Default)] IPersistentState<EntityStreamState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options,
    ModelCache models,
    ScoringMetrics metrics)
    : ScoredEntityGrain<MachineTelemetry, EntityStreamState>(state, counter, options, models, metrics, "equipment"), IMachineGrain
{
    protected override async ValueTask ApplyAsync(MachineTelemetry item)
    {
        switch (item.Kind)
        {
            case MachineTelemetry.KindFailure:
                if ((FedModel ?? State.ModelName) is { } failedModel)
                {
                    await LabelAsync(failedModel, item.Ts);
                }

                return;
            case MachineTelemetry.KindMaintenance:
                return;
        }

        if (item.Sensors.Count == 0)
        {
            return;
        }

        var names = item.Sensors.Keys.Order(StringComparer.Ordinal).ToArray();
        var values = new float[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            values[i] = (float)item.Sensors[names[i]];
        }

        await ScoreAndSampleAsync(MachineModelNames.For(names), names, values, item.Ts);
    }
}
