using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Alerts;

namespace SmeAi.Grains.Tests.Alerts;

/// <summary>A machine with a sensor set no model knows: its own baseline alone raises, explains and clears an alert.</summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class MachineAlertTests(TwoSiloClusterFixture cluster)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_jump_far_outside_the_machines_own_range_is_alerted_explained_and_cleared()
    {
        var machineId = "jump-" + Guid.NewGuid().ToString("N")[..8];
        var sensor = "coolant-" + Guid.NewGuid().ToString("N")[..6];
        var stream = cluster.Cluster.Client.GetStreamProvider(StreamNames.KafkaProvider)
            .GetStream<MachineTelemetry>(StreamId.Create(StreamNames.MachineTelemetry, machineId));
        var random = new Random(3);
        var sent = 0;
        async Task SendAsync(double coolant)
        {
            await stream.OnNextAsync(new MachineTelemetry(machineId, Start.AddSeconds(sent++), MachineTelemetry.KindTelemetry,
                new Dictionary<string, double> { [sensor] = coolant, ["load"] = 50 + random.NextDouble() }));
        }

        // Fewer readings in all than the trainer's first-model minimum (300 in this cluster), so the sensor set stays
        // unknown to every model for the whole test and the baseline alone does the work.
        for (var i = 0; i < 250; i++)
        {
            await SendAsync(20 + random.NextDouble());
        }

        var jumpTs = Start.AddSeconds(sent);
        var needed = new AlertOptions().Equipment.ConsecutiveScores;
        for (var i = 0; i < needed + 2; i++)
        {
            await SendAsync(60 + random.NextDouble());
        }

        var snapshot = await cluster.WaitForMachineEventsAsync(machineId, sent);
        var raised = Assert.Single(RecordingOutputSink.Shared.AlertsOf(machineId));

        Assert.Equal((AlertDomains.Equipment, Alert.StatusOpen, "baseline"), (raised.Domain, raised.Status, raised.ModelName));
        Assert.Equal(jumpTs.AddSeconds(needed - 1), raised.Ts);
        Assert.Equal(sensor, raised.Features[0].Name);
        Assert.InRange(raised.Features[0].Baseline, 20, 21);
        Assert.InRange(raised.Features[0].Value, 60, 61);
        Assert.Equal(raised.AlertId, snapshot.OpenAlert?.AlertId);

        for (var i = 0; i < 3; i++)
        {
            await SendAsync(20 + random.NextDouble());
        }

        snapshot = await cluster.WaitForMachineEventsAsync(machineId, sent);
        var alerts = RecordingOutputSink.Shared.AlertsOf(machineId);
        Assert.Equal([Alert.StatusOpen, Alert.StatusCleared], alerts.Select(a => a.Status));
        Assert.Equal(raised.AlertId, alerts[1].AlertId);
        Assert.Null(snapshot.OpenAlert);
        Assert.Equal(sent, RecordingOutputSink.Shared.ScoresOf(machineId).Count);
        Assert.All(RecordingOutputSink.Shared.ScoresOf(machineId), s => Assert.True(s.Warmup && s.Score == 0 && s.ModelVersion == 0));
    }
}
