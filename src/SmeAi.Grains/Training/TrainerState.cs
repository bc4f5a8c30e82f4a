using SmeAi.Abstractions.Training;

namespace SmeAi.Grains.Training;

/// <summary>Persisted state of a <see cref="TrainerGrain"/>: the sample reservoir and the training history.</summary>
[GenerateSerializer]
public sealed class TrainerState
{
    [Id(0)]
    public SampleReservoir Reservoir { get; set; } = new();

    /// <summary>Latest event time of any sample seen.</summary>
    [Id(1)]
    public DateTimeOffset? MaxEventTime { get; set; }

    /// <summary>
    /// <see cref="MaxEventTime"/> when the last training that ran (not one stopped with the silo) started, set when it
    /// ended: the schedule counts from here.
    /// </summary>
    [Id(2)]
    public DateTimeOffset? LastTrainedEventTime { get; set; }

    [Id(3)]
    public TrainingOutcome? LastOutcome { get; set; }

    /// <summary>Samples seen when the last training that ran started, so a schedule tick without new data does nothing.</summary>
    [Id(4)]
    public long SeenAtLastTraining { get; set; }
}
