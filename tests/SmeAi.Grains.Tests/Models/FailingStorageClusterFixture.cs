using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using SmeAi.Abstractions;
using SmeAi.Grains.Models;

namespace SmeAi.Grains.Tests.Models;

/// <summary>One silo whose grain storage fails the writes of chosen grains on demand, to see what a failed write leaves behind.</summary>
public sealed class FailingStorageClusterFixture : IAsyncLifetime
{
    private const string InnerStorage = "memory";

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public FailingGrainStorage Storage => SiloService<FailingGrainStorage>();

    public T SiloService<T>()
        where T : notnull =>
        ((InProcessSiloHandle)Cluster.Silos[0]).SiloHost.Services.GetRequiredService<T>();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(InnerStorage);
            siloBuilder.ConfigureServices(services =>
            {
                services.AddSingleton(TimeProvider.System);
                services.AddSingleton<ModelArtifactSerializer>();
                services.AddSiloStopSignal();
                services.AddSingleton(sp => new FailingGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(InnerStorage)));
                services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (sp, _) => sp.GetRequiredService<FailingGrainStorage>());
            });
        }
    }
}

/// <summary>Memory storage that refuses to write the grains it is told to, until told otherwise.</summary>
public sealed class FailingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, bool> _failing = new();

    public void FailWritesOf(IAddressable grain) => _failing[grain.GetGrainId()] = true;

    public void Heal(IAddressable grain) => _failing.TryRemove(grain.GetGrainId(), out _);

    public void HealAll() => _failing.Clear();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _failing.ContainsKey(grainId)
            ? throw new IOException($"Injected write failure for {grainId}")
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}

[CollectionDefinition(Name)]
public sealed class FailingStorageClusterDefinition : ICollectionFixture<FailingStorageClusterFixture>
{
    public const string Name = "failing-storage cluster";
}
