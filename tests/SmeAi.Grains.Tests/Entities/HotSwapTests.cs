using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Models;
using SmeAi.Grains.Entities;
using SmeAi.Grains.Models;
using SmeAi.Grains.Tests.Models;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>Promotions while a machine's events keep flowing: every event is scored once, by one version, and versions only move forward.</summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class HotSwapTests(TwoSiloClusterFixture cluster)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_scored_during_promotions_each_carry_the_one_version_that_scored_them()
    {
        var machineId = "hot-" + Guid.NewGuid().ToString("N")[..8];
        var sensors = new[] { "a", "b" };
        var modelName = MachineModelNames.For(sensors);
        var model = cluster.Grains.GetGrain<IModelGrain>(modelName);
        var artifacts = cluster.SiloService<ModelArtifactSerializer>(0);
        var biases = new Dictionary<int, float>();
        biases[(await model.PublishAsync(artifacts.ToCandidate(TinyModels.Classifier(modelName, -1f)), promote: true)).Version] = -1f;
        await cluster.WaitForModelVersionAsync(modelName, 1);

        var stream = cluster.Cluster.Client.GetStreamProvider(StreamNames.KafkaProvider)
            .GetStream<MachineTelemetry>(StreamId.Create(StreamNames.MachineTelemetry, machineId));
        var sent = 0;
        foreach (var bias in new[] { 0f, 1.5f })
        {
            for (var i = 0; i < 10; i++)
            {
                await stream.OnNextAsync(Reading(machineId, sent++));
            }

            await cluster.WaitForMachineEventsAsync(machineId, sent);

            // Promote while the next events are on their way; they may be scored by either version, never by both.
            var promotion = model.PublishAsync(artifacts.ToCandidate(TinyModels.Classifier(modelName, bias)), promote: true);
            for (var i = 0; i < 5; i++)
            {
                await stream.OnNextAsync(Reading(machineId, sent++));
            }

            var version = (await promotion).Version;
            biases[version] = bias;
            await cluster.WaitForModelVersionAsync(modelName, version);
        }

        for (var i = 0; i < 10; i++)
        {
            await stream.OnNextAsync(Reading(machineId, sent++));
        }

        var snapshot = await cluster.WaitForMachineEventsAsync(machineId, sent);
        var versions = snapshot.RecentScores.Select(s => s.ModelVersion).ToList();

        Assert.Equal(sent, snapshot.EventsProcessed);
        Assert.Equal(sent, snapshot.RecentScores.Count);
        Assert.Equal(versions.Order(), versions);
        Assert.Equal([1, 2, 3], versions.Distinct());
        foreach (var (point, index) in snapshot.RecentScores.Select((p, i) => (p, i)))
        {
            var reading = Reading(machineId, index);
            var expected = 1 / (1 + Math.Exp(-(reading.Sensors["a"] - reading.Sensors["b"] + biases[point.ModelVersion])));
            Assert.Equal(expected, point.Score, 4);
        }
    }

    private static MachineTelemetry Reading(string machineId, int index) =>
        new(machineId, Start.AddSeconds(index), MachineTelemetry.KindTelemetry, new Dictionary<string, double> { ["a"] = index % 7 * 0.1, ["b"] = 0.2 });
}
