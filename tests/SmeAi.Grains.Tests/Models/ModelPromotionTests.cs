using SmeAi.Abstractions.Models;
using SmeAi.Grains.Models;

namespace SmeAi.Grains.Tests.Models;

/// <summary>What promotions leave in a model's history.</summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class ModelPromotionTests(TwoSiloClusterFixture cluster)
{
    private readonly ModelArtifactSerializer _artifacts = cluster.SiloService<ModelArtifactSerializer>(0);

    [Fact]
    public async Task Switching_between_two_versions_many_times_leaves_a_history_of_two()
    {
        var model = cluster.Grains.GetGrain<IModelGrain>(NewName());
        await model.PublishAsync(Candidate(0f), promote: true);
        await model.PublishAsync(Candidate(1f), promote: false);
        for (var i = 0; i < 3 * ModelGrain.MaxStoredVersions; i++)
        {
            await model.PromoteAsync(i % 2 == 0 ? 2 : 1);
        }

        var rollbacks = new List<int>();
        while (rollbacks.Count <= 3 * ModelGrain.MaxStoredVersions)
        {
            try
            {
                rollbacks.Add((await model.RollbackAsync()).Version);
            }
            catch (InvalidOperationException)
            {
                break;
            }
        }

        // Current is 1 after an even number of switches; before it came 2, and before that 1.
        Assert.Equal([2, 1], rollbacks);
    }

    [Fact]
    public async Task A_challenger_that_beat_a_version_no_longer_current_is_stored_but_does_not_replace_the_operators_choice()
    {
        var model = cluster.Grains.GetGrain<IModelGrain>(NewName());
        await model.PublishAsync(Candidate(0f), promote: true);

        // Training compared its challenger with version 1; meanwhile an operator promoted version 2.
        await model.PublishAsync(Candidate(1f), promote: true);
        var challenger = await model.PublishAsync(Candidate(2f), promote: true, championVersion: 1);
        var description = await model.DescribeAsync();

        Assert.Null(challenger.PromotedAt);
        Assert.Equal(2, description.CurrentVersion);
        Assert.Null(description.Versions.Single(v => v.Version == 3).PromotedAt);
    }

    [Fact]
    public async Task A_challenger_that_beat_the_current_version_or_found_none_is_promoted()
    {
        var model = cluster.Grains.GetGrain<IModelGrain>(NewName());

        var first = await model.PublishAsync(Candidate(0f), promote: true, championVersion: 0);
        var second = await model.PublishAsync(Candidate(1f), promote: true, championVersion: 1);

        Assert.NotNull(first.PromotedAt);
        Assert.NotNull(second.PromotedAt);
        Assert.Equal(2, (await model.DescribeAsync()).CurrentVersion);
    }

    private ModelCandidate Candidate(float bias) => _artifacts.ToCandidate(TinyModels.Classifier("m", bias));

    private static string NewName() => "m-" + Guid.NewGuid().ToString("N")[..12];
}
