using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Training;

/// <summary>
/// A silo that stops while a training runs: the trainer must store that nothing was trained, or the restarted trainer
/// skips its first-data training and waits a whole RetrainEvery. Each test stops a cluster of its own.
/// </summary>
public sealed class TrainerShutdownTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_training_the_silos_stop_cancels_is_stored_as_not_having_run()
    {
        var cluster = new TrainerSaveTests.ScriptedStorageCluster();
        await cluster.InitializeAsync();
        try
        {
            var storage = cluster.Storage;
            var reader = cluster.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
            var runner = ((InProcessSiloHandle)cluster.Cluster.Silos[0]).SiloHost.Services.GetRequiredService<TrainingRunner>();

            // The silo's only training slot is taken until the silo has stopped, so the trainer's first-data training waits
            // for it: the stop finds that training running, whatever the speed of the machine.
            using var slotTaken = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var occupant = runner.RunAsync(ct =>
            {
                slotTaken.Set();
                return WaitHandle.WaitAny([ct.WaitHandle, release.WaitHandle]);
            }, CancellationToken.None);
            Assert.True(slotTaken.Wait(TimeSpan.FromSeconds(30)), "the occupant did not get the training slot");

            var trainer = cluster.Cluster.GrainFactory.GetGrain<ITrainerGrain>("anomaly-shutdown-" + Guid.NewGuid().ToString("N")[..8]);
            await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(400, seed: 7, Start));
            await trainer.WaitForStatusAsync(status => status.Training);
            await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos[0]);
            release.Set();
            await occupant;

            // What the next activation, on a silo started again, would read.
            var stored = storage.Stored<TrainerState>("trainer", trainer.GetGrainId(), reader);
            Assert.NotNull(stored);
            Assert.Equal("stopped with the silo", stored.LastOutcome?.Detail);
            Assert.Equal(400, stored.Reservoir.Rows.Count);
            Assert.Null(stored.LastTrainedEventTime);
            Assert.Equal(0, stored.SeenAtLastTraining);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
