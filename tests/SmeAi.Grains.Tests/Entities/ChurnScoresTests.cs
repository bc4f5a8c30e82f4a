using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.TestingHost;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Entities;
using SmeAi.Grains.Models;
using SmeAi.ML.Calibration;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;
using SmeAi.ML.Models;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>
/// The <c>churn-scores</c> output: a customer's score is published when its band changes and at least once a day
/// (event time), with status <c>update</c>. A silo of its own, since the <c>churn</c> model it publishes is cluster-wide.
/// </summary>
public sealed class ChurnScoresTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TestCluster _cluster = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<ChurnSilo>()
        .AddClientBuilderConfigurator<ChurnClient>()
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_customers_score_is_published_on_each_band_change_and_once_a_day_of_event_time_otherwise()
    {
        await PublishComplaintsModelAsync();
        var customerId = "churn-" + Guid.NewGuid().ToString("N")[..8];
        var stream = _cluster.Client.GetStreamProvider(StreamNames.KafkaProvider)
            .GetStream<CustomerEvent>(StreamId.Create(StreamNames.CustomerEvents, customerId));
        (TimeSpan At, string Type)[] events =
        [
            (TimeSpan.Zero, "login"),                      // 0 complaints: low, the first update
            (TimeSpan.FromHours(1), "login"),              // low, same band within the day: none
            (TimeSpan.FromHours(2), "complaint"),          // 1: still low: none
            (TimeSpan.FromHours(3), "complaint"),          // 2: medium, a band change
            (TimeSpan.FromHours(4), "login"),              // medium: none
            (TimeSpan.FromHours(26), "login"),             // 23 h after the last update: none
            (TimeSpan.FromHours(27), "login"),             // a day after it: the periodic update
            (TimeSpan.FromHours(28), "complaint"),         // 3: high, a band change
        ];
        foreach (var (at, type) in events)
        {
            await stream.OnNextAsync(new CustomerEvent(customerId, T0 + at, type, null, null));
        }

        await WaitForEventsAsync(customerId, events.Length);
        var updates = RecordingOutputSink.Shared.ChurnUpdates.Where(u => u.EntityId == customerId).ToList();

        Assert.Equal(
            [(T0, "low"), (T0.AddHours(3), "medium"), (T0.AddHours(27), "medium"), (T0.AddHours(28), "high")],
            updates.Select(u => (u.Ts, u.Band!)));
        Assert.Equal([Sigmoid(-2), Sigmoid(0), Sigmoid(0), Sigmoid(1)], updates.Select(u => Math.Round(u.Score, 4)));
        Assert.All(updates, u =>
        {
            Assert.Equal(Alert.StatusUpdate, u.Status);
            Assert.Equal(AlertDomains.Churn, u.Domain);
            Assert.Equal((CustomerGrain.ModelName, 1), (u.ModelName, u.ModelVersion));
        });
        Assert.Equal(updates.Count, updates.Select(u => u.AlertId).Distinct().Count());
    }

    /// <summary>A hand-made churn classifier: probability = sigmoid(complaints in 28 days - 2), so 0-1 low, 2 medium, 3 high.</summary>
    private async Task PublishComplaintsModelAsync()
    {
        var names = CustomerFeatures.Names;
        var weights = new float[names.Count];
        weights[names.ToList().IndexOf("complaints_28d")] = 1f;
        var artifact = new ModelArtifact(
            CustomerGrain.ModelName, 0, ModelKind.Classifier, new FeatureSchema("customer", 1, names),
            new Normalizer([.. new float[names.Count]], [.. Enumerable.Repeat(1f, names.Count)]),
            WeightsCodec.Write([new DenseNetwork([new DenseLayer(names.Count, 1, Activation.Identity, weights, [-2f])])]),
            ScoreCalibration.Platt(1f, 0f),
            new TrainingMetrics(100, 20, ImmutableDictionary<string, double>.Empty.Add(MetricNames.RocAuc, 0.9), []));
        var services = ((InProcessSiloHandle)_cluster.Silos[0]).SiloHost.Services;
        var candidate = services.GetRequiredService<ModelArtifactSerializer>().ToCandidate(artifact);
        await _cluster.GrainFactory.GetGrain<IModelGrain>(CustomerGrain.ModelName).PublishAsync(candidate, promote: true);

        var cache = services.GetRequiredService<ModelCache>();
        await cache.LoadAsync(CustomerGrain.ModelName);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (cache.GetScorer(CustomerGrain.ModelName)?.ModelVersion != 1)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private async Task WaitForEventsAsync(string customerId, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await _cluster.GrainFactory.GetGrain<ICustomerGrain>(customerId).GetSnapshotAsync()).EventsProcessed < count)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static double Sigmoid(double x) => Math.Round(1 / (1 + Math.Exp(-x)), 4);

    private sealed class ChurnSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => TwoSiloClusterFixture.SiloConfigurator.AddGrainServices(siloBuilder);
    }

    private sealed class ChurnClient : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddMemoryStreams(StreamNames.KafkaProvider);
    }
}
