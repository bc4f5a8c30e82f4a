using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Models;
using SmeAi.Grains.Tests.Training;

namespace SmeAi.Grains.Tests;

/// <summary>Waits the grain tests share: events sent through a stream and model versions are applied asynchronously.</summary>
internal static class ClusterWaits
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The machine's snapshot once it has applied at least <paramref name="count"/> events.</summary>
    public static async Task<EntitySnapshot> WaitForMachineEventsAsync(this TwoSiloClusterFixture cluster, string machineId, int count)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var snapshot = await cluster.Grains.GetGrain<IMachineGrain>(machineId).GetSnapshotAsync();
            if (snapshot.EventsProcessed >= count)
            {
                return snapshot;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>
    /// The trainer's status once <paramref name="condition"/> holds: feeds send their rows to it one way, so a machine
    /// that applied an event may not have delivered its row yet.
    /// </summary>
    public static Task<TrainerStatus> WaitForTrainerAsync(this TwoSiloClusterFixture cluster, string modelName, Func<TrainerStatus, bool> condition) =>
        cluster.Grains.GetGrain<ITrainerGrain>(modelName).WaitForStatusAsync(condition, Timeout);

    /// <summary>Returns once both silos' model caches score with <paramref name="version"/> of <paramref name="modelName"/>.</summary>
    public static async Task WaitForModelVersionAsync(this TwoSiloClusterFixture cluster, string modelName, int version)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        foreach (var silo in new[] { 0, 1 })
        {
            var cache = cluster.SiloService<ModelCache>(silo);
            await cache.LoadAsync(modelName);
            while (cache.GetScorer(modelName)?.ModelVersion != version)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
    }
}
