using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;
using SmeAi.ML.Inference;

namespace SmeAi.Grains.Entities;

/// <summary>
/// A machine: consumes <c>machine-telemetry</c> for its id, scores each reading with the anomaly model
/// of its sensor set from this silo's model cache, feeds that model's trainer with its readings, and
/// labels them when the machine reports a failure.
/// </summary>
[ImplicitStreamSubscription(StreamNames.MachineTelemetry)]
public sealed class MachineGrain(
    [PersistentState("machine", StorageNames.Default)] IPersistentState<EntityStreamState> state,
    SiloEventCounter counter,
    IOptions<EntityGrainOptions> options,
    ModelCache models,
    ScoringMetrics metrics) : EntityGrain<MachineTelemetry, EntityStreamState>(state, counter, options), IMachineGrain
{
    private TrainerFeed? _feed;

    protected override async ValueTask ApplyAsync(MachineTelemetry item)
    {
        _feed ??= new TrainerFeed(GrainFactory);
        switch (item.Kind)
        {
            case MachineTelemetry.KindFailure:
                // The readings before a failure are not normal: the trainer keeps them out of the next model.
                if ((_feed.ModelName ?? State.ModelName) is { } failedModel)
                {
                    await _feed.FlushAsync();
                    await GrainFactory.GetGrain<ITrainerGrain>(failedModel).AddLabelAsync(EntityId, item.Ts);
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

        var modelName = MachineModelNames.For(names);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (models.GetScorer(modelName) is { } scorer && scorer.Schema.Count == values.Length)
        {
            var score = scorer.Score(values).Score;
            State.RecordScore(item.Ts, score, modelName, scorer.ModelVersion);
            _feed.LiveScore(score);
            metrics.Scored("equipment", started);
        }

        await _feed.SampleAsync(modelName, names, new TrainingSample(EntityId, item.Ts, values));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_feed is not null)
        {
            await _feed.FlushAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }
}
