using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>Write-behind of entity state: what a silo loss would replay is bounded even for entities that go quiet and come back.</summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class WriteBehindTests(TwoSiloClusterFixture cluster)
{
    private static readonly TimeSpan FlushInterval = new EntityGrainOptions().FlushInterval;

    [Fact]
    public async Task A_machine_that_went_quiet_has_its_next_events_written_within_the_flush_interval_too()
    {
        var machineId = "quiet-" + Guid.NewGuid().ToString("N")[..8];
        var stream = cluster.Cluster.Client.GetStreamProvider(StreamNames.KafkaProvider)
            .GetStream<MachineTelemetry>(StreamId.Create(StreamNames.MachineTelemetry, machineId));

        await stream.OnNextAsync(Reading(machineId, 0));
        Assert.Equal(1, await WaitForStoredEventsAsync(machineId, 1));

        // Quiet for two intervals: the write-behind timer found nothing to write and ended.
        await Task.Delay(FlushInterval * 2);
        await stream.OnNextAsync(Reading(machineId, 1));
        await stream.OnNextAsync(Reading(machineId, 2));

        Assert.Equal(3, await WaitForStoredEventsAsync(machineId, 3));
        Assert.Equal(3, (await cluster.Grains.GetGrain<IMachineGrain>(machineId).GetSnapshotAsync()).EventsProcessed);
    }

    private static MachineTelemetry Reading(string machineId, int index) =>
        new(machineId, new DateTimeOffset(2026, 12, 4, 9, 0, index, TimeSpan.Zero), MachineTelemetry.KindTelemetry,
            new Dictionary<string, double> { ["a"] = 0.1 * index, ["b"] = 0.2 });

    /// <summary>Reads the machine's state from storage (not the activation) until it has <paramref name="events"/> events; fails after three intervals.</summary>
    private async Task<long> WaitForStoredEventsAsync(string machineId, long events)
    {
        var storage = cluster.SiloService<IServiceProvider>(0).GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var grainId = cluster.Grains.GetGrain<IMachineGrain>(machineId).GetGrainId();
        var deadline = DateTime.UtcNow + (FlushInterval * 3);
        while (true)
        {
            var state = new GrainState<EntityStreamState>(new EntityStreamState());
            await storage.ReadStateAsync("machine", grainId, state);
            var stored = state.State?.EventsProcessed ?? 0;
            if (stored >= events || DateTime.UtcNow > deadline)
            {
                return stored;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
