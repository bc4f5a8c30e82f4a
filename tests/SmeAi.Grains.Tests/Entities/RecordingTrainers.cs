using System.Collections.Concurrent;
using System.Reflection;
using SmeAi.Abstractions.Training;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>
/// Trainer grains as recorders behind an <see cref="IGrainFactory"/>, so a feed test sees exactly which trainer each
/// row and live score went to. Every trainer keeps every row (its filter keeps all).
/// </summary>
internal sealed class RecordingTrainers
{
    private readonly ConcurrentDictionary<string, RecordingTrainer> _trainers = new(StringComparer.Ordinal);

    public RecordingTrainers() => Factory = FakeGrainFactory.Create((type, name) => type == typeof(ITrainerGrain)
        ? this[name].Grain
        : throw new NotSupportedException($"Only trainer grains are recorded here, not {type.Name}."));

    public IGrainFactory Factory { get; }

    public RecordingTrainer this[string modelName] => _trainers.GetOrAdd(modelName, static _ => RecordingTrainer.Create());
}

/// <summary>One trainer's received rows and live scores; calls other than those a feed makes are a test bug.</summary>
public class RecordingTrainer : DispatchProxy
{
    private readonly ConcurrentQueue<TrainingSample> _samples = new();
    private readonly ConcurrentQueue<(int ModelVersion, float[] Scores)> _liveScoreBatches = new();

    internal ITrainerGrain Grain { get; private set; } = null!;

    public IReadOnlyList<TrainingSample> Samples => [.. _samples];

    public IReadOnlyList<float> LiveScores => [.. _liveScoreBatches.SelectMany(b => b.Scores)];

    /// <summary>Each live-score call: the version it names and its scores.</summary>
    public IReadOnlyList<(int ModelVersion, float[] Scores)> LiveScoreBatches => [.. _liveScoreBatches];

    internal static RecordingTrainer Create()
    {
        var grain = Create<ITrainerGrain, RecordingTrainer>();
        var trainer = (RecordingTrainer)(object)grain;
        trainer.Grain = grain;
        return trainer;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        switch (targetMethod?.Name, args)
        {
            case (nameof(ITrainerGrain.AddSamplesAsync), [TrainingBatch batch]):
                foreach (var sample in batch.Samples)
                {
                    _samples.Enqueue(sample);
                }

                return Task.CompletedTask;
            case (nameof(ITrainerGrain.AddLiveScoresAsync), [int modelVersion, float[] scores]):
                _liveScoreBatches.Enqueue((modelVersion, scores));
                return Task.CompletedTask;
            case (nameof(ITrainerGrain.GetSampleFilterAsync), _):
                return Task.FromResult(new SampleFilter(0, ulong.MaxValue));
            default:
                throw new NotSupportedException($"The recording trainer does not answer {targetMethod}.");
        }
    }
}
