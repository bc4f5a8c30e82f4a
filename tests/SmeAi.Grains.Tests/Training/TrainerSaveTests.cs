using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Models;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Training;

/// <summary>
/// The trainer is reentrant, so saves are asked for while one is being written (two erasures, a training's end, the
/// write-behind); and trainings that nobody awaits (schedule, drift) may fail when saving.
/// </summary>
public sealed class TrainerSaveTests(TrainerSaveTests.ScriptedStorageCluster cluster) : IClassFixture<TrainerSaveTests.ScriptedStorageCluster>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// ETag-checked storage refuses the second of two overlapping writes. Orleans 10 queues a state's writes, so the
    /// second erasure's write follows the first; this holds the trainer to that (and to each erasure being stored when
    /// its call returns) should its saves ever bypass the queue.
    /// </summary>
    [Fact]
    public async Task Two_erasures_at_once_are_written_one_after_the_other_and_both_are_stored_when_they_return()
    {
        var trainer = cluster.Cluster.GrainFactory.GetGrain<ITrainerGrain>("anomaly-saves-" + Guid.NewGuid().ToString("N")[..8]);
        var storage = cluster.Storage;

        // 60 rows of 20 machines (m-0 .. m-19): below MinimumSamples, so no training writes anything.
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(60, seed: 3, Start));
        await WaitForStatusAsync(trainer, status => status.Samples == 60);
        storage.HoldWrites();
        Task<int> first, second;
        try
        {
            first = trainer.ForgetEntityAsync("m-0");
            await storage.WriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
            second = trainer.ForgetEntityAsync("m-1");

            // Calls may overtake each other: wait until the reentrant grain has applied the second erasure too (up to its
            // save), so both saves are pending while the first write is held and neither call has returned.
            await WaitForStatusAsync(trainer, status => status.Samples == 54);
            Assert.False(first.IsCompleted || second.IsCompleted, "an erasure returned while its write was held");
        }
        finally
        {
            // The storage is the fixture's: held writes would stall the other tests.
            storage.ReleaseWrites();
        }

        var removed = await Task.WhenAll(first, second);

        Assert.Equal([3, 3], removed);
        Assert.Equal((1, 0), (storage.MaxConcurrentWrites, storage.Refused));
        var stored = new GrainState<TrainerState>(new TrainerState());
        await storage.ReadStateAsync("trainer", trainer.GetGrainId(), stored);
        Assert.NotNull(stored.State);
        Assert.Equal(54, stored.State.Reservoir.Rows.Count);
        Assert.DoesNotContain(stored.State.Reservoir.Rows, r => r.EntityId is "m-0" or "m-1");
    }

    [Fact]
    public async Task A_scheduled_training_whose_save_fails_is_logged_with_the_error()
    {
        var trainer = cluster.Cluster.GrainFactory.GetGrain<ITrainerGrain>("anomaly-failing-save-" + Guid.NewGuid().ToString("N")[..8]);
        cluster.Storage.FailWritesOf(trainer.GetGrainId());

        // Enough samples for the first training, which the grain starts without waiting for it; its final save fails.
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(400, seed: 4, Start));
        var logged = await WaitForLogAsync(e => e.EventId.Id == 4207 && e.Message.Contains(trainer.GetPrimaryKeyString(), StringComparison.Ordinal));

        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.IsType<StorageWriteFailedException>(logged.Exception?.GetBaseException());
        Assert.True((await trainer.GetStatusAsync()).LastOutcome?.Published);
    }

    [Fact]
    public async Task A_label_that_arrived_after_the_last_save_is_stored_when_the_trainer_deactivates()
    {
        var trainer = cluster.Cluster.GrainFactory.GetGrain<ITrainerGrain>("classifier-label-" + Guid.NewGuid().ToString("N")[..8]);
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(60, seed: 5, Start));
        await WaitForStatusAsync(trainer, status => status.Samples == 60);
        await trainer.ForgetEntityAsync("m-19");

        // Saved just above; from here on only a label arrives (it marks m-0's rows at minutes 0, 20 and 40), and nothing
        // but the deactivation writes. Labels are one-way calls: the deactivation waits until this one was applied.
        await trainer.AddLabelAsync("m-0", Start.AddMinutes(60));
        await WaitForStatusAsync(trainer, status => status.PositiveSamples == 3);
        await trainer.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        for (var attempt = 0; attempt < 300; attempt++)
        {
            var stored = new GrainState<TrainerState>(new TrainerState());
            await cluster.Storage.ReadStateAsync("trainer", trainer.GetGrainId(), stored);
            if (stored.State!.Reservoir.Labels.Exists(l => l.EntityId == "m-0"))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Assert.Fail("the label was not stored within a minute of the trainer's deactivation");
    }

    /// <summary>
    /// A label's event is not replayed once its entity has written its offset, so the trainer must store the label
    /// without waiting for a deactivation, which a crash never brings. The trainer stays active throughout: what storage
    /// holds here is what a crash would leave. The write-behind writes a burst of labels (a replay) together, not one by one.
    /// </summary>
    [Fact]
    public async Task Labels_reach_storage_while_the_trainer_stays_active_and_a_burst_of_them_in_one_or_two_writes()
    {
        var trainer = cluster.Cluster.GrainFactory.GetGrain<ITrainerGrain>("classifier-label-crash-" + Guid.NewGuid().ToString("N")[..8]);
        var storage = cluster.Storage;
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(60, seed: 6, Start));
        await WaitForStatusAsync(trainer, status => status.Samples == 60);
        await trainer.ForgetEntityAsync("m-19");
        var writesBefore = storage.WritesOf(trainer.GetGrainId());

        // Saved just above; from here on only labels arrive: 200 of them, for m-0 .. m-17 (three rows each).
        for (var i = 0; i < 200; i++)
        {
            await trainer.AddLabelAsync($"m-{i % 18}", Start.AddMinutes(60 + i));
        }

        await WaitForStatusAsync(trainer, status => status.PositiveSamples == 54);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var stored = new GrainState<TrainerState>(new TrainerState());
            await storage.ReadStateAsync("trainer", trainer.GetGrainId(), stored);
            if (stored.State!.Reservoir.Labels.Count == 200)
            {
                // One write-behind tick holds them all; a second if a tick came while they were arriving.
                Assert.InRange(storage.WritesOf(trainer.GetGrainId()) - writesBefore, 1, 2);
                Assert.Equal(54, stored.State.Reservoir.Rows.Count(r => r.Positive));
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Assert.Fail("the labels were not stored within a minute while the trainer stayed active");
    }

    /// <summary>Samples and labels are one-way calls: waits until the trainer's status shows they were applied.</summary>
    private static async Task WaitForStatusAsync(ITrainerGrain trainer, Func<TrainerStatus, bool> applied)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (applied(await trainer.GetStatusAsync()))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new Xunit.Sdk.XunitException("the trainer did not apply the one-way calls within a minute");
    }

    private async Task<RecordingLoggerProvider.LogEntry> WaitForLogAsync(Func<RecordingLoggerProvider.LogEntry, bool> match)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (cluster.Log.Entries.FirstOrDefault(match) is { } entry)
            {
                return entry;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new Xunit.Sdk.XunitException("the log entry did not appear within a minute");
    }

    /// <summary>One silo whose default grain storage is a <see cref="ScriptedGrainStorage"/>.</summary>
    public sealed class ScriptedStorageCluster : IAsyncLifetime
    {
        public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

        public RecordingLoggerProvider Log =>
            (RecordingLoggerProvider)((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services.GetServices<ILoggerProvider>().Single(p => p is RecordingLoggerProvider);

        public ScriptedGrainStorage Storage =>
            (ScriptedGrainStorage)((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

        public Task InitializeAsync() => Cluster.DeployAsync();

        public async Task DisposeAsync() => await Cluster.DisposeAsync();

        private sealed class SiloConfigurator : ISiloConfigurator
        {
            public void Configure(ISiloBuilder siloBuilder)
            {
                siloBuilder.UseInMemoryReminderService();
                siloBuilder.ConfigureServices(services =>
                {
                    services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, _) => new ScriptedGrainStorage(sp.GetRequiredService<Serializer>()));
                    services.AddSingleton(TimeProvider.System);
                    services.AddSingleton<ModelArtifactSerializer>();
                    services.AddSingleton<ModelCache>();
                    services.AddSingleton<TrainingRunner>();
                    services.AddSiloStopSignal();
                    services.AddSingleton<TrainerTraffic>();
                    services.AddSingleton<ILoggerProvider, RecordingLoggerProvider>();
                    services.AddOptions<TrainerOptions>().Configure(o =>
                    {
                        o.MinimumSamples = 300;
                        o.Epochs = 10;
                    });
                });
            }
        }
    }
}
