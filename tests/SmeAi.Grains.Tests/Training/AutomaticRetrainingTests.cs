using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Models;
using SmeAi.Grains.Training;
using SmeAi.ML.Inference;
using SmeAi.ML.Metrics;

namespace SmeAi.Grains.Tests.Training;

/// <summary>
/// The automatic triggers besides first data and the event-time schedule: live scores drifting from the training
/// scores (not within the drift cooldown, not when they match), and the schedule reminder (only with new samples).
/// A silo of its own: the drift cooldown (1 h) must be shorter than the schedule (6 h here), or the samples that move
/// event time past the cooldown would start a scheduled training first.
/// </summary>
public sealed class AutomaticRetrainingTests : IAsyncLifetime
{
    private const int MinimumLiveScores = 50;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestCluster _cluster = new TestClusterBuilder(1).AddSiloBuilderConfigurator<DriftSilo>().Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Drifted_live_scores_retrain_once_per_cooldown_and_scores_like_the_training_ones_do_not()
    {
        var (name, trainer, first) = await TrainFirstVersionAsync(seed: 21);
        var reference = await ReferenceScoresAsync(name);
        Assert.True(reference.Length >= MinimumLiveScores, $"{reference.Length} reference scores");

        // Two hours of event time after the first training: past the drift cooldown, within the schedule.
        var afterCooldown = Start.AddMinutes(400).AddHours(2);
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(20, seed: 22, afterCooldown));
        await trainer.WaitForStatusAsync(s => s.Samples == 420);

        // Live scores distributed as the training's (PSI 0) are no drift. Live scores are one-way messages: a sample sent
        // after them (no later in event time) is the sign they were handled.
        var newest = afterCooldown.AddMinutes(19);
        await trainer.AddLiveScoresAsync(first.Version, [.. reference]);
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(1, seed: 23, newest));
        var stable = await trainer.WaitForStatusAsync(s => s.Samples == 421);
        Assert.False(stable.Training);
        Assert.Equal(first.FinishedAt, stable.LastOutcome!.FinishedAt);

        // Scores all at the top of the training's are, but from another version than the one the silo scores with (as
        // an entity's queue from before a promotion would send): not this version's drift.
        float[] shifted = [.. Enumerable.Repeat(reference.Max(), reference.Length)];
        await trainer.AddLiveScoresAsync(first.Version + 1, shifted);
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(1, seed: 26, newest));
        var otherVersion = await trainer.WaitForStatusAsync(s => s.Samples == 422);
        Assert.False(otherVersion.Training);
        Assert.Equal(first.FinishedAt, otherVersion.LastOutcome!.FinishedAt);

        // The same scores from the current version are drift: the training says so, with the PSI of this batch alone.
        await trainer.AddLiveScoresAsync(first.Version, shifted);
        var drift = (await trainer.WaitForOutcomeAsync(after: first.FinishedAt)).LastOutcome!;

        var psi = PopulationStability.Index(reference.AsSpan(), shifted);
        Assert.Equal(FormattableString.Invariant($"drift (PSI {psi:F3} > {0.25:F3})"), drift.Reason);
        Assert.True(drift.Published, drift.Detail);
        Assert.Equal(2, (await _cluster.GrainFactory.GetGrain<IModelGrain>(name).DescribeAsync()).Versions.Count);

        // Drift again (from whichever version the silo scores with now), but no event time has passed since that
        // training: the scores wait.
        var current = (await CurrentScorerAsync(name)).ModelVersion;
        await trainer.AddLiveScoresAsync(current, shifted);
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(1, seed: 24, newest));
        var cooling = await trainer.WaitForStatusAsync(s => s.Samples == 423);
        Assert.False(cooling.Training);
        Assert.Equal(drift.FinishedAt, cooling.LastOutcome!.FinishedAt);

        // Once event time has moved past the cooldown, the next scores are judged with the waiting ones and retrain.
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(1, seed: 25, newest.AddHours(2)));
        await trainer.WaitForStatusAsync(s => s.Samples == 424);
        await trainer.AddLiveScoresAsync(current, shifted);
        var again = (await trainer.WaitForOutcomeAsync(after: drift.FinishedAt)).LastOutcome!;

        Assert.StartsWith("drift (PSI ", again.Reason, StringComparison.Ordinal);
        Assert.Equal(3, (await _cluster.GrainFactory.GetGrain<IModelGrain>(name).DescribeAsync()).Versions.Count);
    }

    /// <summary>
    /// A tick with nothing to train ends the reminder (a model whose entities are gone kept one waking its trainer every
    /// RetrainEvery for good); the next sample registers it again.
    /// </summary>
    [Fact]
    public async Task The_schedule_reminder_retrains_only_when_samples_arrived_since_the_last_training_and_ends_until_they_do()
    {
        var (name, trainer, first) = await TrainFirstVersionAsync(seed: 31);
        var reminder = trainer.AsReference<IRemindable>();

        // The first samples registered it, at the schedule's period, so a deactivated trainer is woken for it.
        var registered = Assert.Single(await TrainerReminders.OfAsync(_cluster, trainer));
        Assert.Equal(TrainerReminders.Schedule, registered.ReminderName);
        Assert.Equal(TimeSpan.FromHours(6), registered.Period);

        // The reminder service calls this every RetrainEvery of wall-clock time; called here as it would.
        await reminder.ReceiveReminder(TrainerReminders.Schedule, new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(6), DateTime.UtcNow));
        var idle = await trainer.GetStatusAsync();
        Assert.False(idle.Training);
        Assert.Equal(first.FinishedAt, idle.LastOutcome!.FinishedAt);
        Assert.Empty(await TrainerReminders.OfAsync(_cluster, trainer));

        // Ten samples within the event-time schedule register it again; only the reminder can start this training, and it
        // waits for it.
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(10, seed: 32, Start.AddMinutes(410)));
        await trainer.WaitForStatusAsync(s => s.Samples == 410);
        Assert.Equal(TimeSpan.FromHours(6), (await TrainerReminders.WaitForScheduleAsync(_cluster, trainer)).Period);
        await reminder.ReceiveReminder(TrainerReminders.Schedule, new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(6), DateTime.UtcNow));
        var retrained = await trainer.GetStatusAsync();

        Assert.Equal("reminder schedule", retrained.LastOutcome!.Reason);
        Assert.True(retrained.LastOutcome.Published, retrained.LastOutcome.Detail);
        Assert.Equal(2, (await _cluster.GrainFactory.GetGrain<IModelGrain>(name).DescribeAsync()).Versions.Count);
    }

    private async Task<(string Name, ITrainerGrain Trainer, TrainingOutcome First)> TrainFirstVersionAsync(int seed)
    {
        var name = "anomaly-" + Guid.NewGuid().ToString("N")[..8];
        var trainer = _cluster.GrainFactory.GetGrain<ITrainerGrain>(name);
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(400, seed, Start));
        var first = (await trainer.WaitForOutcomeAsync()).LastOutcome!;
        Assert.Equal("first data", first.Reason);
        Assert.True(first.Published, first.Detail);
        return (name, trainer, first);
    }

    /// <summary>The current version's training scores, loaded into the silo's model cache the trainer judges drift with.</summary>
    private async Task<ImmutableArray<float>> ReferenceScoresAsync(string name) =>
        (await CurrentScorerAsync(name)).Artifact.Metrics.ReferenceScores;

    /// <summary>The current version, loaded into the silo's model cache (a promotion reaches it by notification otherwise).</summary>
    private async Task<ScorerBase> CurrentScorerAsync(string name)
    {
        var cache = ((InProcessSiloHandle)_cluster.Silos[0]).SiloHost.Services.GetRequiredService<ModelCache>();
        return Assert.IsAssignableFrom<ScorerBase>(await cache.LoadAsync(name));
    }

    private sealed class DriftSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            TwoSiloClusterFixture.SiloConfigurator.AddGrainServices(siloBuilder);
            siloBuilder.ConfigureServices(services => services.PostConfigure<TrainerOptions>(o =>
            {
                o.RetrainEvery = TimeSpan.FromHours(6);
                o.DriftCooldown = TimeSpan.FromHours(1);
                o.DriftThreshold = 0.25;
                o.MinimumLiveScores = MinimumLiveScores;
            }));
        }
    }
}
