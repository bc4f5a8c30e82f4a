using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SmeAi.Abstractions;
using SmeAi.Grains.Alerts;
using SmeAi.Grains.Entities;
using SmeAi.Grains.Diagnostics;
using SmeAi.Grains.Models;
using SmeAi.Grains.Statistics;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests;

/// <summary>Two in-process silos with in-memory storage and each silo's model cache, as the host registers them.</summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>A service of silo <paramref name="index"/> (0 = primary).</summary>
    public T SiloService<T>(int index)
        where T : notnull =>
        ((InProcessSiloHandle)Cluster.Silos[index]).SiloHost.Services.GetRequiredService<T>();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    internal sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddMemoryStreams(StreamNames.KafkaProvider);
    }

    internal sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => AddGrainServices(siloBuilder);

        /// <summary>What the grains need, as the host registers it, with memory storage and streams.</summary>
        internal static void AddGrainServices(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(StorageNames.Default);
            siloBuilder.UseInMemoryReminderService();

            // A memory stream provider under the Kafka provider's name: entity grains subscribe by namespace.
            siloBuilder.AddMemoryGrainStorage(StorageNames.PubSub);
            siloBuilder.AddMemoryStreams(StreamNames.KafkaProvider);
            siloBuilder.ConfigureServices(services =>
            {
                services.AddSingleton(TimeProvider.System);
                services.AddSingleton<ModelArtifactSerializer>();
                services.AddSingleton<ModelCache>();
                services.AddSingleton<TrainingRunner>();
                services.AddSiloStopSignal();
                services.AddSingleton<TrainerTraffic>();
                services.AddSingleton<TrainerSampleFilters>();
                services.AddSingleton<SiloEventCounter>();
                services.AddMetrics();
                services.AddSingleton<ScoringMetrics>();
                services.AddSingleton<IOutputSink>(RecordingOutputSink.Shared);
                services.AddOptions<AlertOptions>();
                services.AddSingleton<EntityScoringServices>();
                services.AddOptions<TrainerOptions>().Configure(o =>
                {
                    o.MinimumSamples = 300;
                    o.RetrainEvery = TimeSpan.FromHours(1);
                    o.Epochs = 30;
                    o.ClassifierPrefixes.Add("test-classifier");
                });
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoSiloClusterDefinition : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = "two-silo cluster";
}
