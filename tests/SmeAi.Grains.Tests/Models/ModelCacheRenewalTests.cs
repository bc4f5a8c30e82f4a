using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmeAi.Grains.Models;

namespace SmeAi.Grains.Tests.Models;

/// <summary>How a model cache renews: several models at once, and not for ever for names that are no model.</summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class ModelCacheRenewalTests(TwoSiloClusterFixture cluster)
{
    private readonly ModelArtifactSerializer _artifacts = cluster.SiloService<ModelArtifactSerializer>(0);
    private readonly FakeModelGrains _models = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task One_hanging_load_does_not_hold_up_the_renewal_of_another_model()
    {
        using var cache = new ModelCache(_models.Factory, _artifacts, _time, NullLogger<ModelCache>.Instance);
        foreach (var name in new[] { "first", "second" })
        {
            _models[name].SetCurrent(TinyPackages.Of(_artifacts, name, 1));
            await cache.LoadAsync(name);
        }

        // Each new version's load waits for the other's to start: done one after the other, the first one waits in vain.
        var started = new[] { NewSignal(), NewSignal() };
        var waitedInVain = 0;
        foreach (var (name, mine, other) in new[] { ("first", started[0], started[1]), ("second", started[1], started[0]) })
        {
            _models[name].OnLoad = async () =>
            {
                mine.TrySetResult();
                if (await Task.WhenAny(other.Task, Task.Delay(TimeSpan.FromSeconds(10))) != other.Task)
                {
                    Interlocked.Increment(ref waitedInVain);
                }
            };
            _models[name].SetCurrent(TinyPackages.Of(_artifacts, name, 2));
        }

        await RenewUntilAsync(() => cache.GetScorer("first")?.ModelVersion == 2 && cache.GetScorer("second")?.ModelVersion == 2);

        Assert.Equal(0, waitedInVain);
    }

    [Fact]
    public async Task A_name_that_is_no_model_is_renewed_only_while_someone_asks_for_it()
    {
        using var cache = new ModelCache(_models.Factory, _artifacts, _time, NullLogger<ModelCache>.Instance);
        _models["real"].SetCurrent(TinyPackages.Of(_artifacts, "real", 1));
        await cache.LoadAsync("real");
        Assert.Null(cache.GetScorer("asked-once"));
        Assert.Null(cache.GetScorer("asked-always"));

        var asksAfterEightPasses = (Once: 0, Always: 0);
        for (var pass = 1; pass <= 12; pass++)
        {
            await RenewOnceAsync();
            Assert.Null(cache.GetScorer("asked-always"));
            if (pass == 8)
            {
                asksAfterEightPasses = (_models["asked-once"].SubscribeCalls, _models["asked-always"].SubscribeCalls);
            }
        }

        // Four more passes: the name still asked for was renewed in them, the forgotten one, asked for before, no more.
        Assert.True(asksAfterEightPasses.Once > 0, $"the name asked for once was subscribed {asksAfterEightPasses.Once} times by pass 8");
        Assert.Equal(asksAfterEightPasses.Once, _models["asked-once"].SubscribeCalls);
        Assert.True(_models["asked-always"].SubscribeCalls >= asksAfterEightPasses.Always + 3);
        Assert.Equal(1, cache.GetScorer("real")?.ModelVersion);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>At least one renewal pass: the loaded model is subscribed again.</summary>
    private Task RenewOnceAsync()
    {
        var before = _models["real"].SubscribeCalls;
        return RenewUntilAsync(() => _models["real"].SubscribeCalls > before);
    }

    private async Task RenewUntilAsync(Func<bool> done)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done())
        {
            _time.Advance(ModelCache.RenewalPeriod);
            await Task.Delay(20, deadline.Token);
        }
    }
}
