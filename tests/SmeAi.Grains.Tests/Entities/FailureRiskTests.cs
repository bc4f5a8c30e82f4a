using Orleans.Core.Internal;
using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Entities;
using SmeAi.Grains.Models;
using SmeAi.Grains.Tests.Models;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>Machines carry a failure probability from their sensor set's failure classifier, which their failure events label.</summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class FailureRiskTests(TwoSiloClusterFixture cluster)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Sensors = ["a", "b"];

    [Fact]
    public async Task A_machine_reports_the_failure_probability_of_its_latest_reading_with_the_model_that_gave_it()
    {
        var machineId = "risk-" + Guid.NewGuid().ToString("N")[..8];
        var failureModel = MachineModelNames.FailureFor(Sensors);
        var artifacts = cluster.SiloService<ModelArtifactSerializer>(0);
        var published = await cluster.Grains.GetGrain<IModelGrain>(failureModel).PublishAsync(artifacts.ToCandidate(TinyModels.Classifier(failureModel, 0.5f)), promote: true);
        await cluster.WaitForModelVersionAsync(failureModel, published.Version);

        var stream = Stream(machineId);
        for (var i = 0; i < 5; i++)
        {
            await stream.OnNextAsync(Reading(machineId, i));
        }

        var risk = (await cluster.WaitForMachineEventsAsync(machineId, 5)).FailureRisk;

        Assert.NotNull(risk);
        Assert.Equal(failureModel, risk.ModelName);
        Assert.Equal(published.Version, risk.ModelVersion);
        Assert.Equal(Start.AddSeconds(4), risk.Ts);
        var last = Reading(machineId, 4);
        Assert.Equal(1 / (1 + Math.Exp(-(last.Sensors["a"] - last.Sensors["b"] + 0.5))), risk.Probability, 4);
        var record = RecordingOutputSink.Shared.ScoresOf(machineId).Single(s => s.Ts == risk.Ts);
        Assert.Equal(risk.Probability, record.FailureRisk);
        Assert.Equal(risk.ModelVersion, record.FailureModelVersion);
    }

    [Fact]
    public async Task Without_a_failure_model_there_is_no_risk_yet_and_a_failure_labels_the_rows_sent_to_its_trainer()
    {
        var machineId = "risk-" + Guid.NewGuid().ToString("N")[..8];
        string[] sensors = ["c", "d"];
        var failureModel = MachineModelNames.FailureFor(sensors);
        var stream = Stream(machineId);
        for (var i = 0; i < 30; i++)
        {
            await stream.OnNextAsync(new MachineTelemetry(machineId, Start.AddMinutes(i), MachineTelemetry.KindTelemetry, new Dictionary<string, double> { ["c"] = i, ["d"] = 1 }));
        }

        await stream.OnNextAsync(new MachineTelemetry(machineId, Start.AddMinutes(30), MachineTelemetry.KindFailure, new Dictionary<string, double>()));
        var snapshot = await cluster.WaitForMachineEventsAsync(machineId, 31);
        var status = await cluster.WaitForTrainerAsync(failureModel, s => s.SamplesSeen >= 30 && s.PositiveSamples > 0);

        Assert.Null(snapshot.FailureRisk);
        var scores = RecordingOutputSink.Shared.ScoresOf(machineId);
        Assert.NotEmpty(scores);
        Assert.All(scores, s => Assert.Null(s.FailureRisk));
        Assert.Equal(30, status.SamplesSeen);
        Assert.True(status.PositiveSamples > 0, $"{status.PositiveSamples} of {status.Samples} samples were labelled by the failure");
    }

    [Fact]
    public async Task A_failure_reported_to_a_new_activation_labels_the_anomaly_model_of_the_sensor_set_too()
    {
        var machineId = "risk-" + Guid.NewGuid().ToString("N")[..8];
        var suffix = machineId[5..];
        string[] sensors = ["e" + suffix, "f" + suffix];
        var anomalyModel = MachineModelNames.For(sensors);
        var failureModel = MachineModelNames.FailureFor(sensors);
        var stream = Stream(machineId);
        for (var i = 0; i < 30; i++)
        {
            await stream.OnNextAsync(new MachineTelemetry(machineId, Start.AddMinutes(i), MachineTelemetry.KindTelemetry, new Dictionary<string, double> { [sensors[0]] = i, [sensors[1]] = 1 }));
        }

        await cluster.WaitForMachineEventsAsync(machineId, 30);

        // The machine goes quiet and is collected (its feeds go out as it deactivates); the next call activates it
        // afresh, with nothing fed in this activation. No model of its sensors has a version, so none scored it.
        var machine = cluster.Grains.GetGrain<IMachineGrain>(machineId);
        await machine.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Null((await machine.GetSnapshotAsync()).ModelName);
        await cluster.WaitForTrainerAsync(anomalyModel, s => s.SamplesSeen >= 30);

        await stream.OnNextAsync(new MachineTelemetry(machineId, Start.AddMinutes(30), MachineTelemetry.KindFailure, new Dictionary<string, double>()));
        var failure = await cluster.WaitForTrainerAsync(failureModel, s => s.PositiveSamples > 0);
        var anomaly = await cluster.WaitForTrainerAsync(anomalyModel, s => s.PositiveSamples > 0);

        Assert.Equal(30, anomaly.PositiveSamples);
        Assert.Equal(30, failure.PositiveSamples);
    }

    [Fact]
    public async Task A_failure_model_that_gives_no_finite_probability_leaves_the_reading_without_a_risk_and_the_stream_goes_on()
    {
        var machineId = "risk-" + Guid.NewGuid().ToString("N")[..8];
        var suffix = machineId[5..];
        string[] sensors = ["g" + suffix, "h" + suffix];
        var failureModel = MachineModelNames.FailureFor(sensors);
        var artifacts = cluster.SiloService<ModelArtifactSerializer>(0);
        var published = await cluster.Grains.GetGrain<IModelGrain>(failureModel).PublishAsync(artifacts.ToCandidate(TinyModels.NaNClassifier(failureModel)), promote: true);
        await cluster.WaitForModelVersionAsync(failureModel, published.Version);

        var stream = Stream(machineId);
        for (var i = 0; i < 3; i++)
        {
            await stream.OnNextAsync(new MachineTelemetry(machineId, Start.AddMinutes(i), MachineTelemetry.KindTelemetry, new Dictionary<string, double> { [sensors[0]] = 1 + i, [sensors[1]] = 2 }));
        }

        var snapshot = await cluster.WaitForMachineEventsAsync(machineId, 3);

        Assert.Null(snapshot.FailureRisk);
        var scores = RecordingOutputSink.Shared.ScoresOf(machineId);
        Assert.Equal(3, scores.Count);
        Assert.All(scores, s => Assert.Null(s.FailureRisk));
    }

    private IAsyncStream<MachineTelemetry> Stream(string machineId) =>
        cluster.Cluster.Client.GetStreamProvider(StreamNames.KafkaProvider).GetStream<MachineTelemetry>(StreamId.Create(StreamNames.MachineTelemetry, machineId));

    private static MachineTelemetry Reading(string machineId, int index) =>
        new(machineId, Start.AddSeconds(index), MachineTelemetry.KindTelemetry, new Dictionary<string, double> { ["a"] = index % 7 * 0.1, ["b"] = 0.2 });
}
