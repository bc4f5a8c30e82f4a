using Orleans.Core.Internal;
using SmeAi.Abstractions.Models;
using SmeAi.Grains.Models;

namespace SmeAi.Grains.Tests.Models;

/// <summary>A registry change whose write fails is not seen by anyone, and can be made again.</summary>
[Collection(FailingStorageClusterDefinition.Name)]
public sealed class ModelRegistryWriteFailureTests(FailingStorageClusterFixture cluster) : IDisposable
{
    private readonly ModelArtifactSerializer _artifacts = cluster.SiloService<ModelArtifactSerializer>();

    [Fact]
    public async Task A_promotion_that_was_not_stored_is_not_served()
    {
        var model = await ModelWithVersionsAsync(promoteSecond: false);

        cluster.Storage.FailWritesOf(model);
        await Assert.ThrowsAnyAsync<Exception>(() => model.PromoteAsync(2));
        cluster.Storage.Heal(model);

        Assert.Equal(1, (await model.DescribeAsync()).CurrentVersion);
        Assert.Equal(1, (await model.GetCurrentAsync())?.Info.Version);
    }

    [Fact]
    public async Task A_rollback_that_was_not_stored_is_not_served_and_can_be_repeated()
    {
        var model = await ModelWithVersionsAsync(promoteSecond: true);

        cluster.Storage.FailWritesOf(model);
        await Assert.ThrowsAnyAsync<Exception>(model.RollbackAsync);
        cluster.Storage.Heal(model);
        var current = (await model.DescribeAsync()).CurrentVersion;
        var rolledBack = await model.RollbackAsync();

        Assert.Equal(2, current);
        Assert.Equal(1, rolledBack.Version);
    }

    [Fact]
    public async Task A_publication_that_was_not_stored_leaves_no_version_behind()
    {
        var model = cluster.Grains.GetGrain<IModelGrain>(NewName());

        cluster.Storage.FailWritesOf(model);
        await Assert.ThrowsAnyAsync<Exception>(() => model.PublishAsync(Candidate(0f), promote: true));
        cluster.Storage.Heal(model);
        var description = await model.DescribeAsync();
        var current = await model.GetCurrentAsync();
        var published = await model.PublishAsync(Candidate(1f), promote: true);

        Assert.Equal((0, 0), (description.CurrentVersion, description.Versions.Count));
        Assert.Null(current);
        Assert.Equal(1, published.Version);
    }

    [Fact]
    public async Task A_catalog_that_cannot_write_does_not_fail_a_stored_publication_and_lists_the_model_later()
    {
        var catalog = cluster.Grains.GetGrain<IModelCatalogGrain>(0);
        var name = NewName();
        var model = cluster.Grains.GetGrain<IModelGrain>(name);

        cluster.Storage.FailWritesOf(catalog);
        var first = await model.PublishAsync(Candidate(0f), promote: true);
        cluster.Storage.Heal(catalog);
        await model.PublishAsync(Candidate(1f), promote: false);
        await catalog.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(1, first.Version);
        Assert.Equal(1, (await model.DescribeAsync()).CurrentVersion);
        Assert.Contains(name, await catalog.ListAsync());
    }

    [Fact]
    public async Task A_catalog_write_that_failed_is_made_by_the_next_add_of_the_name()
    {
        var catalog = cluster.Grains.GetGrain<IModelCatalogGrain>(0);
        var name = NewName();

        cluster.Storage.FailWritesOf(catalog);
        await Assert.ThrowsAnyAsync<Exception>(() => catalog.AddAsync(name));
        cluster.Storage.Heal(catalog);
        await catalog.AddAsync(name);
        await catalog.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Contains(name, await catalog.ListAsync());
    }

    /// <summary>A test that failed half-way must not leave the shared catalog unwritable for the next one.</summary>
    public void Dispose() => cluster.Storage.HealAll();

    private async Task<IModelGrain> ModelWithVersionsAsync(bool promoteSecond)
    {
        var model = cluster.Grains.GetGrain<IModelGrain>(NewName());
        await model.PublishAsync(Candidate(0f), promote: true);
        await model.PublishAsync(Candidate(1f), promote: promoteSecond);
        return model;
    }

    private ModelCandidate Candidate(float bias) => _artifacts.ToCandidate(TinyModels.Classifier("m", bias));

    private static string NewName() => "m-" + Guid.NewGuid().ToString("N")[..12];
}
