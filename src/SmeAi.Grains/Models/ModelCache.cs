using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SmeAi.Abstractions.Models;
using SmeAi.ML.Inference;

namespace SmeAi.Grains.Models;

/// <summary>
/// This silo's current scorer per model name. Entity grains read it on every event without a grain
/// call; the model grains tell it (as a grain observer) when the current version changes, and it
/// renews those subscriptions periodically, which also repairs a missed notification. A swap replaces
/// one immutable scorer reference, so each score comes from exactly one version. Model names come from input
/// (sensor sets), so a name that has nothing to score with and that nobody asks for is dropped after a while.
/// </summary>
public sealed partial class ModelCache : IModelObserver, IDisposable
{
    /// <summary>Subscriptions are renewed well inside the model grain's observer lease.</summary>
    public static readonly TimeSpan RenewalPeriod = ModelObserverLease.Duration / 4;

    /// <summary>Renewals in flight at once: one hanging model grain does not hold up the others, and many models do not flood the grains.</summary>
    private const int RenewalConcurrency = 4;

    /// <summary>Passes (one observer lease) that a name without a scorer stays after the last ask.</summary>
    private const int UnaskedPassesBeforeDrop = 4;

    private readonly ConcurrentDictionary<string, ModelSlot> _slots = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly ModelArtifactSerializer _artifacts;
    private readonly ILogger<ModelCache> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<IModelObserver> _reference;
    private readonly Lazy<Task> _renewalLoop;

    public ModelCache(IGrainFactory grains, ModelArtifactSerializer artifacts, TimeProvider time, ILogger<ModelCache> logger)
    {
        _grains = grains;
        _artifacts = artifacts;
        _logger = logger;
        _reference = new Lazy<IModelObserver>(() => grains.CreateObjectReference<IModelObserver>(this));
        _renewalLoop = new Lazy<Task>(() => Task.Run(() => RenewLoopAsync(time, _stopping.Token)));
    }

    /// <summary>Raised after a swap: model name and the new version (for metrics and the dashboard).</summary>
    public event Action<string, int>? Swapped;

    /// <summary>The models this silo has loaded, with the version it scores with.</summary>
    public IEnumerable<(string Name, int Version)> Loaded =>
        _slots.Values.Select(slot => (slot.Name, slot.Scorer?.ModelVersion ?? 0)).Where(m => m.Item2 > 0);

    /// <summary>
    /// The current scorer of <paramref name="modelName"/>, or null while none is loaded. The first ask
    /// starts loading in the background; the hot path never waits for it.
    /// </summary>
    public IScorer? GetScorer(string modelName)
    {
        var slot = _slots.GetOrAdd(modelName, static name => new ModelSlot(name));
        if (slot.TryStartTracking())
        {
            _ = _renewalLoop.Value;
            _ = RefreshOffGrainAsync(slot);
        }

        var scorer = slot.Scorer;
        if (scorer is null)
        {
            slot.MarkAsked();
        }

        return scorer;
    }

    /// <summary>Subscribes to <paramref name="modelName"/> and loads its current version; returns the scorer (null when none is published).</summary>
    public async Task<IScorer?> LoadAsync(string modelName)
    {
        var slot = _slots.GetOrAdd(modelName, static name => new ModelSlot(name));
        slot.TryStartTracking();
        slot.MarkAsked();
        _ = _renewalLoop.Value;
        await RefreshOffGrainAsync(slot);
        return slot.Scorer;
    }

    public Task OnCurrentVersionChanged(string modelName, int version)
    {
        if (_slots.TryGetValue(modelName, out var slot) && slot.Scorer?.ModelVersion != version)
        {
            _ = RefreshOffGrainAsync(slot);
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>
    /// Grains call into the cache too; an observer reference can only be created outside a grain's
    /// context, and a reload should not hold the calling grain anyway.
    /// </summary>
    private Task RefreshOffGrainAsync(ModelSlot slot) => Task.Run(() => RefreshAsync(slot));

    private Task RefreshAsync(ModelSlot slot) => slot.QueueReloadAsync(() => ReloadAsync(slot));

    private async Task ReloadAsync(ModelSlot slot)
    {
        try
        {
            var model = _grains.GetGrain<IModelGrain>(slot.Name);
            var current = await model.SubscribeAsync(_reference.Value);
            if (current == 0 || slot.Scorer?.ModelVersion == current)
            {
                return;
            }

            var package = await model.GetCurrentAsync();
            if (package is null)
            {
                return;
            }

            var scorer = ModelScorer.Create(_artifacts.FromPackage(package));
            slot.Swap(scorer);
            LogSwapped(_logger, slot.Name, scorer.ModelVersion);
            Swapped?.Invoke(slot.Name, scorer.ModelVersion);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            // Whatever failed (the grain call, the payload, the scorer, a Swapped handler), it must not end the renewals:
            // the loaded scorer keeps serving and the next renewal tries again. Only the cache's own stop is let through.
            LogRefreshFailed(_logger, ex, slot.Name, slot.Scorer?.ModelVersion ?? 0);
        }
    }

    private async Task RenewLoopAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenewalPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var options = new ParallelOptions { MaxDegreeOfParallelism = RenewalConcurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(_slots.Values, options, (slot, _) => new ValueTask(RenewAsync(slot)));
            }
        }
        catch (OperationCanceledException)
        {
            // Silo stopping.
        }
    }

    private async Task RenewAsync(ModelSlot slot)
    {
        await RefreshAsync(slot);

        // A loaded model stays whoever asks; a name with nothing to score with goes once nobody asked for a lease
        // (its subscription then lapses too), and the next ask starts over.
        if (slot.Scorer is null && slot.CountUnaskedPass() >= UnaskedPassesBeforeDrop && _slots.TryRemove(KeyValuePair.Create(slot.Name, slot)))
        {
            LogDropped(_logger, slot.Name);
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Model cache now scores {ModelName} with version {Version}")]
    private static partial void LogSwapped(ILogger logger, string modelName, int version);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Model cache could not refresh {ModelName}; it scores with version {Version} (0: none) until the next renewal")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string modelName, int version);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "Model cache dropped {ModelName}: no version to score with and nobody asked for it")]
    private static partial void LogDropped(ILogger logger, string modelName);
}
