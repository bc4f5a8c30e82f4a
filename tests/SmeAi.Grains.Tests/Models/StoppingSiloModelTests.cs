using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Models;
using SmeAi.Grains.Models;

namespace SmeAi.Grains.Tests.Models;

/// <summary>
/// A training that finishes while its silo stops still stores and promotes its version, but tells no cache: the caches
/// it would tell are going (a refused notification was an error line in a normal stop), and caches on silos that stay
/// up learn the version at their next renewal.
/// </summary>
public sealed class StoppingSiloModelTests(StoppingSiloFixture silo) : IClassFixture<StoppingSiloFixture>
{
    private static readonly TimeSpan NotificationWait = TimeSpan.FromSeconds(30);

    /// <summary>Long enough for a one-way notification within one process to arrive many times over.</summary>
    private static readonly TimeSpan SilenceWait = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Promotions_made_after_the_stop_began_are_stored_but_notify_no_observer()
    {
        var artifacts = silo.Service<ModelArtifactSerializer>();
        var observer = new RecordingObserver();
        var model = silo.Cluster.GrainFactory.GetGrain<IModelGrain>("stopping-" + Guid.NewGuid().ToString("N")[..8]);
        await model.SubscribeAsync(silo.Cluster.Client.CreateObjectReference<IModelObserver>(observer));

        await model.PublishAsync(artifacts.ToCandidate(TinyModels.Classifier("m", 0f)), promote: true);
        Assert.Equal(1, await observer.NextAsync(NotificationWait));

        StoppingSiloFixture.BeginStop();
        await model.PublishAsync(artifacts.ToCandidate(TinyModels.Classifier("m", 1f)), promote: true);
        await model.RollbackAsync();
        await Task.Delay(SilenceWait);

        Assert.Equal([1], observer.Versions);
        var description = await model.DescribeAsync();
        Assert.Equal(1, description.CurrentVersion);
        Assert.NotNull(description.Versions.Single(v => v.Version == 2).PromotedAt);
    }

    private sealed class RecordingObserver : IModelObserver
    {
        private readonly BlockingCollection<int> _arrivals = [];
        private readonly ConcurrentQueue<int> _versions = new();

        public IReadOnlyList<int> Versions => [.. _versions];

        public Task OnCurrentVersionChanged(string modelName, int version)
        {
            _versions.Enqueue(version);
            _arrivals.Add(version);
            return Task.CompletedTask;
        }

        public Task<int> NextAsync(TimeSpan timeout) => Task.Run(() =>
            _arrivals.TryTake(out var version, timeout) ? version : throw new TimeoutException("No notification arrived."));
    }
}

/// <summary>One silo whose stop signal the test fires by hand; the host itself keeps running.</summary>
public sealed class StoppingSiloFixture : IAsyncLifetime
{
    // The silo configurator is built by the test cluster, so the signal's source is shared through a static.
    private static readonly CancellationTokenSource Stop = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public static void BeginStop() => Stop.Cancel();

    public T Service<T>()
        where T : notnull =>
        ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services.GetRequiredService<T>();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(StorageNames.Default);
            siloBuilder.ConfigureServices(services =>
            {
                services.AddSingleton(TimeProvider.System);
                services.AddSingleton<ModelArtifactSerializer>();
                services.AddSingleton(new SiloStopSignal(Stop.Token));
            });
        }
    }
}
