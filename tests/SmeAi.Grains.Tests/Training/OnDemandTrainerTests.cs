using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Training;

/// <summary>
/// With <see cref="RetrainingMode.OnDemand"/> (the evaluation's replays) samples only fill the reservoir: neither first
/// data nor event time passing the schedule starts a training, and a request does.
/// </summary>
public sealed class OnDemandTrainerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestCluster _cluster = new TestClusterBuilder(1).AddSiloBuilderConfigurator<OnDemandSilo>().Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Samples_past_the_minimum_and_the_schedule_train_nothing_until_asked()
    {
        var name = "anomaly-" + Guid.NewGuid().ToString("N")[..8];
        var trainer = _cluster.GrainFactory.GetGrain<ITrainerGrain>(name);

        // Past MinimumSamples (first data), then three hours of event time later (the schedule is one hour).
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(400, seed: 11, Start));
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(100, seed: 12, Start.AddMinutes(400).AddHours(3)));

        // Samples are one-way messages: wait until both batches are in, when a training would have started.
        var idle = await WaitForSamplesAsync(trainer, 500);
        Assert.False(idle.Training);
        Assert.Null(idle.LastOutcome);
        Assert.Equal(0, (await _cluster.GrainFactory.GetGrain<IModelGrain>(name).DescribeAsync()).CurrentVersion);
        Assert.Empty(await TrainerReminders.OfAsync(_cluster, trainer));

        var asked = await trainer.RetrainAsync("evaluation step");

        Assert.Equal("evaluation step", asked.Reason);
        Assert.True(asked.Published, asked.Detail);
        Assert.Equal(1, (await _cluster.GrainFactory.GetGrain<IModelGrain>(name).DescribeAsync()).CurrentVersion);

        // Checked again after a call the trainer answered last: a registration started by the samples would be done by now.
        Assert.Empty(await TrainerReminders.OfAsync(_cluster, trainer));
    }

    [Fact]
    public async Task A_schedule_reminder_left_from_automatic_retraining_ends_at_its_next_tick_without_training()
    {
        var name = "anomaly-" + Guid.NewGuid().ToString("N")[..8];
        var trainer = _cluster.GrainFactory.GetGrain<ITrainerGrain>(name);
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(400, seed: 13, Start));
        await WaitForSamplesAsync(trainer, 400);
        await TrainerReminders.LeaveScheduleAsync(_cluster, trainer, TimeSpan.FromHours(6));
        Assert.Single(await TrainerReminders.OfAsync(_cluster, trainer));

        // The reminder service calls this at the period the reminder was left with; called here as it would.
        await trainer.AsReference<IRemindable>().ReceiveReminder(TrainerReminders.Schedule, new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(6), DateTime.UtcNow));

        Assert.Empty(await TrainerReminders.OfAsync(_cluster, trainer));
        Assert.Null((await trainer.GetStatusAsync()).LastOutcome);
    }

    private static async Task<TrainerStatus> WaitForSamplesAsync(ITrainerGrain trainer, int samples)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await trainer.GetStatusAsync();
            if (status.Samples >= samples)
            {
                return status;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    private sealed class OnDemandSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            TwoSiloClusterFixture.SiloConfigurator.AddGrainServices(siloBuilder);
            siloBuilder.ConfigureServices(services => services.PostConfigure<TrainerOptions>(o => o.Retraining = RetrainingMode.OnDemand));
        }
    }
}
