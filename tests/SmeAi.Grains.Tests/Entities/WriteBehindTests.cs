using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>
/// Write-behind of entity state: what a silo loss would replay is bounded even for entities that go quiet and come back.
/// The timer is followed through Orleans' timer events, so nothing here depends on how fast the machine is.
/// </summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class WriteBehindTests(TwoSiloClusterFixture cluster)
{
    private static readonly EntityGrainOptions Options = new();

    [Fact]
    public async Task Events_are_written_by_the_timer_not_per_event_and_a_machine_that_went_quiet_gets_a_new_timer()
    {
        Assert.True(Options.FlushEveryEvents > 3, "the three events here must be written by the timer, not by their count");
        var machineId = "quiet-" + Guid.NewGuid().ToString("N")[..8];
        var machine = cluster.Grains.GetGrain<IMachineGrain>(machineId);
        using var timers = GrainTimerSignals.Watch(machine.GetGrainId());
        var stream = cluster.Cluster.Client.GetStreamProvider(StreamNames.KafkaProvider)
            .GetStream<MachineTelemetry>(StreamId.Create(StreamNames.MachineTelemetry, machineId));

        await stream.OnNextAsync(Reading(machineId, 0));
        await cluster.WaitForMachineEventsAsync(machineId, 1);
        await AssertNotWrittenYetAsync(machineId, storedBefore: 0, timers, ticksBefore: 0);
        Assert.Equal(1, await WaitForStoredEventsAsync(machineId, 1));

        // The tick after the write finds nothing and ends the timer: the machine is quiet.
        await timers.WaitForDisposedAsync(1);
        var ticksWhenQuiet = timers.TicksStarted;
        await stream.OnNextAsync(Reading(machineId, 1));
        await stream.OnNextAsync(Reading(machineId, 2));
        await cluster.WaitForMachineEventsAsync(machineId, 3);
        await AssertNotWrittenYetAsync(machineId, storedBefore: 1, timers, ticksWhenQuiet);

        Assert.Equal(3, await WaitForStoredEventsAsync(machineId, 3));
        Assert.Equal(2, timers.Created);
        Assert.Equal(3, (await machine.GetSnapshotAsync()).EventsProcessed);
    }

    private static MachineTelemetry Reading(string machineId, int index) =>
        new(machineId, new DateTimeOffset(2026, 12, 4, 9, 0, index, TimeSpan.Zero), MachineTelemetry.KindTelemetry,
            new Dictionary<string, double> { ["a"] = 0.1 * index, ["b"] = 0.2 });

    /// <summary>
    /// Events just applied are not in storage unless a timer tick has run since: read storage first, then the tick count,
    /// so a write seen here without a tick before it can only have been a write per event.
    /// </summary>
    private async Task AssertNotWrittenYetAsync(string machineId, long storedBefore, GrainTimerSignals timers, int ticksBefore)
    {
        var stored = await ReadStoredEventsAsync(machineId);
        var ticked = timers.TicksStarted > ticksBefore;
        Assert.True(stored == storedBefore || ticked, $"storage had {stored} events before any timer tick wrote them");
    }

    /// <summary>Reads the machine's state from storage (not the activation) until it has <paramref name="events"/> events; gives up after a generous minute.</summary>
    private async Task<long> WaitForStoredEventsAsync(string machineId, long events)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var stored = await ReadStoredEventsAsync(machineId);
            if (stored >= events || deadline.IsCancellationRequested)
            {
                return stored;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }

    private async Task<long> ReadStoredEventsAsync(string machineId)
    {
        var storage = cluster.SiloService<IServiceProvider>(0).GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var state = new GrainState<EntityStreamState>(new EntityStreamState());
        await storage.ReadStateAsync("machine", cluster.Grains.GetGrain<IMachineGrain>(machineId).GetGrainId(), state);
        return state.State?.EventsProcessed ?? 0;
    }
}
