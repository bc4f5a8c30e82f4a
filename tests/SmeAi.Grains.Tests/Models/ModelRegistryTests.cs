using SmeAi.Abstractions.Models;
using SmeAi.Grains.Models;
using SmeAi.ML.Inference;

namespace SmeAi.Grains.Tests.Models;

[Collection(TwoSiloClusterDefinition.Name)]
public sealed class ModelRegistryTests(TwoSiloClusterFixture cluster)
{
    private readonly ModelArtifactSerializer _artifacts = cluster.SiloService<ModelArtifactSerializer>(0);

    [Fact]
    public async Task Versions_are_numbered_in_publication_order_and_only_promoted_ones_become_current()
    {
        var model = cluster.Grains.GetGrain<IModelGrain>(NewName());

        var first = await model.PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier("m", 0f)), promote: true);
        var second = await model.PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier("m", 1f)), promote: false);
        var description = await model.DescribeAsync();

        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(1, description.CurrentVersion);
        Assert.NotNull(description.Versions[0].PromotedAt);
        Assert.Null(description.Versions[1].PromotedAt);
        Assert.Equal(0.9, description.Versions[0].Metrics["rocAuc"]);
    }

    [Fact]
    public async Task Every_silos_cache_swaps_to_a_promoted_version_and_back_on_rollback()
    {
        var name = NewName();
        var model = cluster.Grains.GetGrain<IModelGrain>(name);
        await model.PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier(name, 0f)), promote: true);
        var caches = new[] { cluster.SiloService<ModelCache>(0), cluster.SiloService<ModelCache>(1) };
        foreach (var cache in caches)
        {
            Assert.Equal(1, (await cache.LoadAsync(name))?.ModelVersion);
        }

        await model.PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier(name, 2f)), promote: true);
        await WaitForVersionAsync(caches, name, 2);
        Assert.All(caches, cache => Assert.Equal(Sigmoid(2f), cache.GetScorer(name)!.Score([0f, 0f]).Score, 5));

        await model.RollbackAsync();
        await WaitForVersionAsync(caches, name, 1);
        Assert.All(caches, cache => Assert.Equal(0.5f, cache.GetScorer(name)!.Score([0f, 0f]).Score, 5));
    }

    [Fact]
    public async Task Promoting_an_unknown_version_or_rolling_back_without_history_is_refused()
    {
        var model = cluster.Grains.GetGrain<IModelGrain>(NewName());
        await model.PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier("m", 0f)), promote: true);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => model.PromoteAsync(7));
        await Assert.ThrowsAsync<InvalidOperationException>(() => model.RollbackAsync());
        Assert.Equal(1, (await model.DescribeAsync()).CurrentVersion);
    }

    [Fact]
    public async Task Old_versions_are_dropped_but_never_the_current_one()
    {
        var model = cluster.Grains.GetGrain<IModelGrain>(NewName());
        await model.PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier("m", 0f)), promote: true);
        for (var i = 0; i < ModelGrain.MaxStoredVersions + 2; i++)
        {
            await model.PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier("m", i)), promote: false);
        }

        var description = await model.DescribeAsync();

        Assert.Equal(ModelGrain.MaxStoredVersions, description.Versions.Count);
        Assert.Contains(description.Versions, v => v.Version == 1);
        Assert.Equal(ModelGrain.MaxStoredVersions + 3, description.Versions[^1].Version);
    }

    [Fact]
    public async Task The_catalog_lists_every_published_model()
    {
        var name = NewName();
        await cluster.Grains.GetGrain<IModelGrain>(name).PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier(name, 0f)), promote: false);

        Assert.Contains(name, await cluster.Grains.GetGrain<IModelCatalogGrain>(0).ListAsync());
    }

    [Fact]
    public async Task A_cache_asked_for_an_unpublished_model_answers_null_and_picks_up_the_first_version()
    {
        var name = NewName();
        var cache = cluster.SiloService<ModelCache>(1);

        Assert.Null(cache.GetScorer(name));
        await cluster.Grains.GetGrain<IModelGrain>(name).PublishAsync(_artifacts.ToCandidate(TinyModels.Classifier(name, 0f)), promote: true);

        // The cache subscribed while loading, so the promotion reaches it as a notification.
        await WaitForVersionAsync([cache], name, 1);
    }

    private static string NewName() => "m-" + Guid.NewGuid().ToString("N")[..12];

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private static async Task WaitForVersionAsync(IReadOnlyList<ModelCache> caches, string name, int version)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (caches.Any(c => c.GetScorer(name)?.ModelVersion != version))
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
