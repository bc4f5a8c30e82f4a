using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SmeAi.Abstractions;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>
/// An event whose applying fails (a trainer call timing out during a failover) is applied when the stream provider
/// redelivers its batch, once; the events before it in the batch are counted and written, and not applied again.
/// </summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class ApplyFailureTests(TwoSiloClusterFixture cluster)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_event_that_failed_to_apply_is_applied_once_when_its_batch_is_redelivered()
    {
        var entityId = "flaky-" + Guid.NewGuid().ToString("N")[..8];
        var grain = cluster.Grains.GetGrain<IFlakyEntityGrain>(entityId);
        FlakyEvent[] batch = [Event(entityId, 10), Event(entityId, 11, failsFirstTime: true), Event(entityId, 12)];

        await Assert.ThrowsAsync<TimeoutException>(() => grain.DeliverAsync(batch));
        var afterFailure = await grain.ReportAsync();
        await grain.DeliverAsync(batch);
        await grain.DeliverAsync(batch);
        var afterRedelivery = await grain.ReportAsync();

        Assert.Equal([10], afterFailure.Applied);
        Assert.Equal((1, 1), (afterFailure.Counted, afterFailure.EventsProcessed));
        Assert.Equal([10, 11, 12], afterRedelivery.Applied);
        Assert.Equal((3, 3), (afterRedelivery.Counted, afterRedelivery.EventsProcessed));

        // Dropped and counted as redelivered: 10 on the first retry, all three on the second.
        Assert.Equal(0, afterFailure.Redelivered);
        Assert.Equal(4, afterRedelivery.Redelivered);

        // Three applied events reach the write-behind's count (FlakyEntityGrain.WriteBehind), including the one applied
        // before the failure, so they are in storage.
        Assert.Equal(FlakyEntityGrain.WriteBehind.FlushEveryEvents, await StoredEventsAsync(grain));
    }

    private static FlakyEvent Event(string entityId, long offset, bool failsFirstTime = false) =>
        new(entityId, Start.AddSeconds(offset), offset, failsFirstTime);

    private async Task<long> StoredEventsAsync(IFlakyEntityGrain grain)
    {
        var storage = cluster.SiloService<IServiceProvider>(0).GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var state = new GrainState<EntityStreamState>(new EntityStreamState());
        await storage.ReadStateAsync("flaky", grain.GetGrainId(), state);
        return state.State?.EventsProcessed ?? 0;
    }
}
