using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Entities;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>
/// Once a trainer's reservoir is full, a machine grain only counts the rows its trainer would drop: they reach the
/// trainer as a count and a time, and the reservoir ends up with the same rows as if every row had been sent.
/// </summary>
public sealed class SampleFilterTests : IAsyncLifetime
{
    private const int Capacity = 100;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestCluster _cluster = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SmallReservoirSilo>()
        .AddClientBuilderConfigurator<TwoSiloClusterFixture.ClientConfigurator>()
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Rows_above_the_full_reservoirs_bound_are_counted_not_sent_and_the_same_rows_are_kept()
    {
        var machineId = "filtered-" + Guid.NewGuid().ToString("N")[..8];
        var stream = _cluster.Client.GetStreamProvider(StreamNames.KafkaProvider)
            .GetStream<MachineTelemetry>(StreamId.Create(StreamNames.MachineTelemetry, machineId));
        var readings = Enumerable.Range(0, 1_500).Select(i => Reading(machineId, i)).ToList();
        var (set, _) = MachineSensorSets.Row(readings[0].Sensors);
        var trainer = _cluster.GrainFactory.GetGrain<ITrainerGrain>(set.ModelName);

        // Fill the reservoir, then wait until the silo's copy of the trainer's filter has its bound (asked for again each second).
        foreach (var reading in readings.Take(300))
        {
            await stream.OnNextAsync(reading);
        }

        await WaitForSeenAsync(trainer, 300);
        var filters = ((InProcessSiloHandle)_cluster.Primary!).SiloHost.Services.GetRequiredService<TrainerSampleFilters>();
        var bound = (await trainer.GetSampleFilterAsync()).MaxPriority;
        Assert.NotEqual(ulong.MaxValue, bound);
        await WaitUntilAsync(() => filters.For(set.ModelName)?.MaxPriority == bound, "the trainer's bound in the silo's copy of its filter");

        foreach (var reading in readings.Skip(300))
        {
            await stream.OnNextAsync(reading);
        }

        var status = await WaitForSeenAsync(trainer, readings.Count);
        var filter = await trainer.GetSampleFilterAsync();
        var seed = RowPriority.SeedFor(new TrainerOptions().Seed, set.ModelName);
        var hundredthSmallest = readings
            .Select(r => RowPriority.Of(seed, machineId, r.Ts, MachineSensorSets.Row(r.Sensors).Row))
            .Order()
            .ElementAt(Capacity - 1);

        Assert.Equal(Capacity, status.Samples);
        Assert.True(status.SamplesFilteredAtSource > 500, $"{status.SamplesFilteredAtSource} of 1,200 rows after the bound were filtered at the source");
        Assert.Equal(hundredthSmallest, filter.MaxPriority);
    }

    private static async Task<TrainerStatus> WaitForSeenAsync(ITrainerGrain trainer, long seen)
    {
        TrainerStatus? status = null;
        await WaitUntilAsync(async () => (status = await trainer.GetStatusAsync()).SamplesSeen >= seen, $"{seen} samples seen by the trainer");
        return status!;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(50, deadline.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"No {what} within 60 s");
            }
        }
    }

    private static MachineTelemetry Reading(string machineId, int index) =>
        new(machineId, Start.AddMinutes(index), MachineTelemetry.KindTelemetry,
            new Dictionary<string, double> { ["load"] = 50 + (index % 37), ["vibration"] = 0.1 + (index % 11 * 0.01) });

    private sealed class SmallReservoirSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            TwoSiloClusterFixture.SiloConfigurator.AddGrainServices(siloBuilder);
            siloBuilder.ConfigureServices(services => services.Configure<TrainerOptions>(o =>
            {
                o.ReservoirCapacity = Capacity;
                o.Retraining = RetrainingMode.OnDemand;
            }));
        }
    }
}
