using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Models;

namespace SmeAi.Grains.Models;

/// <summary>
/// The registry of one model. Versions are numbered in publication order; promote and rollback only
/// move the current pointer, so any stored version can come back. Silos' model caches subscribe as
/// observers and are told of every change of the current version, except while this silo stops (see
/// <see cref="NotifyIf"/>). Every change is made on a copy of the
/// state that replaces the served one only once stored, so a failed write leaves nothing behind.
/// </summary>
public sealed partial class ModelGrain(
    [PersistentState("model", StorageNames.Default)] IPersistentState<ModelRegistryState> registry,
    TimeProvider time,
    SiloStopSignal stopSignal,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    /// <summary>Older versions beyond this are dropped (never the current one).</summary>
    public const int MaxStoredVersions = 10;

    private readonly ObserverManager<IModelObserver> _observers = new(ModelObserverLease.Duration, logger);

    private string Name => this.GetPrimaryKeyString();

    public async Task<ModelVersionInfo> PublishAsync(ModelCandidate candidate, bool promote, int? championVersion = null)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var next = registry.State.Copy();

        // The champion a challenger beat counts only while it is still current: a promotion or rollback made during
        // the training (or missed by the trainer's cache) stands, and the challenger is stored beside it.
        var promoted = promote && (championVersion is not { } champion || champion == next.CurrentVersion);
        var now = time.GetUtcNow();
        var info = new ModelVersionInfo(
            Name, next.LastVersionNumber + 1, candidate.Kind, candidate.SchemaHash, candidate.TrainingRows,
            candidate.HeldOutRows, candidate.Metrics, now, promoted ? now : null);
        next.LastVersionNumber = info.Version;
        next.Versions.Add(new StoredModelVersion(info, candidate.Payload));
        if (promoted)
        {
            MakeCurrent(next, info.Version, rememberPrevious: true);
        }

        DropOldVersions(next);
        await CommitAsync(next);
        LogPublished(logger, Name, info.Version, promoted);
        if (promote && !promoted)
        {
            LogChampionChanged(logger, Name, info.Version, championVersion ?? 0, next.CurrentVersion);
        }

        NotifyIf(promoted);
        await AddToCatalogAsync();
        return info;
    }

    public async Task<ModelVersionInfo> PromoteAsync(int version)
    {
        _ = Find(registry.State, version) ?? throw new KeyNotFoundException($"Model {Name} has no version {version}.");
        if (registry.State.CurrentVersion != version)
        {
            var next = registry.State.Copy();
            MakeCurrent(next, version, rememberPrevious: true);
            await CommitAsync(next);
            LogPromoted(logger, Name, version);
            NotifyIf(true);
        }

        return Find(registry.State, version)!.Info;
    }

    public async Task<ModelVersionInfo> RollbackAsync()
    {
        var next = registry.State.Copy();
        while (next.PreviousVersions.Count > 0)
        {
            var previous = next.PreviousVersions[^1];
            next.PreviousVersions.RemoveAt(next.PreviousVersions.Count - 1);
            if (Find(next, previous) is not null)
            {
                MakeCurrent(next, previous, rememberPrevious: false);
                await CommitAsync(next);
                LogRolledBack(logger, Name, previous);
                NotifyIf(true);
                return Find(registry.State, previous)!.Info;
            }
        }

        throw new InvalidOperationException($"Model {Name} has no earlier version to roll back to.");
    }

    public Task<ModelDescription> DescribeAsync() =>
        Task.FromResult(new ModelDescription(Name, registry.State.CurrentVersion, [.. registry.State.Versions.Select(v => v.Info)]));

    public Task<ModelPackage?> GetCurrentAsync()
    {
        var current = Find(registry.State, registry.State.CurrentVersion);
        return Task.FromResult(current is null ? null : new ModelPackage(current.Info, current.Payload));
    }

    public Task<int> SubscribeAsync(IModelObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.FromResult(registry.State.CurrentVersion);
    }

    public Task UnsubscribeAsync(IModelObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private static StoredModelVersion? Find(ModelRegistryState state, int version) => state.Versions.Find(v => v.Info.Version == version);

    /// <summary>Stores <paramref name="next"/> and serves it from then on; if the write fails, the served state stays as it was.</summary>
    private async Task CommitAsync(ModelRegistryState next)
    {
        var served = registry.State;
        registry.State = next;
        try
        {
            await registry.WriteStateAsync();
        }
        catch
        {
            registry.State = served;
            throw;
        }
    }

    /// <summary>
    /// After the version is stored and announced, so a catalog failure cannot report a stored publication as failed.
    /// The catalog only lists names it stored, so the next publication of this model adds the name again.
    /// </summary>
    private async Task AddToCatalogAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IModelCatalogGrain>(0).AddAsync(Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCatalogFailed(logger, ex, Name);
        }
    }

    private void MakeCurrent(ModelRegistryState state, int version, bool rememberPrevious)
    {
        if (rememberPrevious && state.CurrentVersion != 0)
        {
            // Each version once, at its latest place, so switching back and forth does not grow the stored history;
            // the trim also shrinks histories stored before that.
            var history = state.PreviousVersions;
            history.RemoveAll(v => v == state.CurrentVersion);
            history.Add(state.CurrentVersion);
            if (history.Count > MaxStoredVersions)
            {
                history.RemoveRange(0, history.Count - MaxStoredVersions);
            }
        }

        state.CurrentVersion = version;
        var index = state.Versions.FindIndex(v => v.Info.Version == version);
        state.Versions[index] = state.Versions[index] with { Info = state.Versions[index].Info with { PromotedAt = time.GetUtcNow() } };
    }

    private static void DropOldVersions(ModelRegistryState state)
    {
        while (state.Versions.Count > MaxStoredVersions)
        {
            var oldest = state.Versions.First(v => v.Info.Version != state.CurrentVersion);
            state.Versions.Remove(oldest);
            state.PreviousVersions.RemoveAll(v => v == oldest.Info.Version);
        }
    }

    /// <summary>
    /// Tells the subscribed caches of a new current version. While this silo stops, a training that finishes there would
    /// notify caches that are gone (its own silo's among them), and each refused notification is an error line in a
    /// normal stop; the caches of silos that stay up pick the version up at their next renewal instead.
    /// </summary>
    private void NotifyIf(bool changed)
    {
        if (!changed)
        {
            return;
        }

        var (name, version) = (Name, registry.State.CurrentVersion);
        if (stopSignal.IsStopping)
        {
            LogNotificationSkipped(logger, name, version);
            return;
        }

        _observers.Notify(observer => observer.OnCurrentVersionChanged(name, version));
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} published (promoted: {Promoted})")]
    private static partial void LogPublished(ILogger logger, string modelName, int version, bool promoted);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} promoted")]
    private static partial void LogPromoted(ILogger logger, string modelName, int version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Model {ModelName} rolled back to version {Version}")]
    private static partial void LogRolledBack(ILogger logger, string modelName, int version);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Model {ModelName} version {Version} beat version {Champion}, but version {Current} is current now; stored as a challenger")]
    private static partial void LogChampionChanged(ILogger logger, string modelName, int version, int champion, int current);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} is current; the silo is stopping, so caches learn it at their next renewal")]
    private static partial void LogNotificationSkipped(ILogger logger, string modelName, int version);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Model {ModelName} is stored but the catalog could not list it; its next publication tries again")]
    private static partial void LogCatalogFailed(ILogger logger, Exception exception, string modelName);
}
