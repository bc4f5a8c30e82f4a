using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using SmeAi.Grains.Models;
using SmeAi.ML.Models;

namespace SmeAi.Grains.Tests.Models;

/// <summary>A model cache over fake model grains: a refresh that fails in any way keeps the loaded version and the renewals going.</summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class ModelCacheFailureTests(TwoSiloClusterFixture cluster)
{
    private const int RefreshFailedEvent = 4102;

    private readonly ModelArtifactSerializer _artifacts = cluster.SiloService<ModelArtifactSerializer>(0);
    private readonly FakeModelGrains _models = new();
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerProvider _log = new();

    [Fact]
    public async Task An_unexpected_load_failure_keeps_the_loaded_version_is_logged_and_later_renewals_still_swap()
    {
        using var cache = new ModelCache(_models.Factory, _artifacts, _time, new Logger<ModelCache>(new LoggerFactory([_log])));
        _models["good"].SetCurrent(TinyPackages.Of(_artifacts, "good", 1));
        _models["bad"].SetCurrent(TinyPackages.Of(_artifacts, "bad", 1));
        await cache.LoadAsync("good");
        await cache.LoadAsync("bad");

        // Both move on without a notification; loading the bad one's new version fails in a way nobody planned for.
        _models["bad"].OnLoad = () => throw new ArgumentException("scorer refuses the weights");
        _models["bad"].SetCurrent(TinyPackages.Of(_artifacts, "bad", 2));
        _models["good"].SetCurrent(TinyPackages.Of(_artifacts, "good", 2));
        await RenewUntilAsync(() => cache.GetScorer("good")?.ModelVersion == 2 && Logged("bad"));
        _models["good"].SetCurrent(TinyPackages.Of(_artifacts, "good", 3));
        await RenewUntilAsync(() => cache.GetScorer("good")?.ModelVersion == 3);

        Assert.Equal(1, cache.GetScorer("bad")?.ModelVersion);
    }

    [Fact]
    public async Task A_stored_version_that_fails_the_model_checks_is_not_loaded_and_the_last_good_one_keeps_scoring()
    {
        using var cache = new ModelCache(_models.Factory, _artifacts, _time, new Logger<ModelCache>(new LoggerFactory([_log])));
        _models["stored"].SetCurrent(TinyPackages.Of(_artifacts, "stored", 1));
        await cache.LoadAsync("stored");

        var serializer = cluster.SiloService<Serializer<ModelArtifact>>(0);
        _models["stored"].SetCurrent(TinyPackages.Unchecked(serializer, TinyModels.Classifier("stored", float.NaN), 2));
        await RenewUntilAsync(() => Logged("stored"));

        var scorer = cache.GetScorer("stored");
        Assert.Equal(1, scorer?.ModelVersion);
        Assert.True(float.IsFinite(scorer!.Score([0.3f, -1.2f], default).Score));
    }

    [Fact]
    public async Task A_throwing_swap_handler_neither_fails_the_load_nor_stops_later_swaps()
    {
        using var cache = new ModelCache(_models.Factory, _artifacts, _time, new Logger<ModelCache>(new LoggerFactory([_log])));
        cache.Swapped += (name, _) => throw new InvalidOperationException($"dashboard broke on {name}");
        _models["noisy"].SetCurrent(TinyPackages.Of(_artifacts, "noisy", 1));

        var loaded = await cache.LoadAsync("noisy");
        _models["noisy"].SetCurrent(TinyPackages.Of(_artifacts, "noisy", 2));
        await RenewUntilAsync(() => cache.GetScorer("noisy")?.ModelVersion == 2);

        Assert.Equal(1, loaded?.ModelVersion);
        Assert.True(Logged("noisy"));
    }

    private bool Logged(string modelName) =>
        _log.Entries.Any(e => e.EventId.Id == RefreshFailedEvent && e.Message.Contains(modelName, StringComparison.Ordinal));

    /// <summary>Moves the cache's clock a renewal period at a time until <paramref name="done"/> holds.</summary>
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
