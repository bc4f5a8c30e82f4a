using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Models;

namespace SmeAi.Grains.Models;

/// <summary>
/// The registry of one model. Versions are numbered in publication order; promote and rollback only
/// move the current pointer, so any stored version can come back. Silos' model caches subscribe as
/// observers and are told of every change of the current version.
/// </summary>
public sealed partial class ModelGrain(
    [PersistentState("model", StorageNames.Default)] IPersistentState<ModelRegistryState> registry,
    TimeProvider time,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    /// <summary>Older versions beyond this are dropped (never the current one).</summary>
    public const int MaxStoredVersions = 10;

    private readonly ObserverManager<IModelObserver> _observers = new(ModelObserverLease.Duration, logger);

    private string Name => this.GetPrimaryKeyString();

    public async Task<ModelVersionInfo> PublishAsync(ModelCandidate candidate, bool promote)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var state = registry.State;
        var now = time.GetUtcNow();
        var info = new ModelVersionInfo(
            Name, state.LastVersionNumber + 1, candidate.Kind, candidate.SchemaHash, candidate.TrainingRows,
            candidate.HeldOutRows, candidate.Metrics, now, promote ? now : null);
        state.LastVersionNumber = info.Version;
        state.Versions.Add(new StoredModelVersion(info, candidate.Payload));
        if (promote)
        {
            MakeCurrent(info.Version, rememberPrevious: true);
        }

        DropOldVersions();
        await registry.WriteStateAsync();
        await GrainFactory.GetGrain<IModelCatalogGrain>(0).AddAsync(Name);
        LogPublished(logger, Name, info.Version, promote);
        NotifyIf(promote);
        return info;
    }

    public async Task<ModelVersionInfo> PromoteAsync(int version)
    {
        _ = Find(version) ?? throw new KeyNotFoundException($"Model {Name} has no version {version}.");
        if (registry.State.CurrentVersion != version)
        {
            MakeCurrent(version, rememberPrevious: true);
            await registry.WriteStateAsync();
            LogPromoted(logger, Name, version);
            NotifyIf(true);
        }

        return Find(version)!.Info;
    }

    public async Task<ModelVersionInfo> RollbackAsync()
    {
        var state = registry.State;
        while (state.PreviousVersions.Count > 0)
        {
            var previous = state.PreviousVersions[^1];
            state.PreviousVersions.RemoveAt(state.PreviousVersions.Count - 1);
            if (Find(previous) is not null)
            {
                MakeCurrent(previous, rememberPrevious: false);
                await registry.WriteStateAsync();
                LogRolledBack(logger, Name, previous);
                NotifyIf(true);
                return Find(previous)!.Info;
            }
        }

        throw new InvalidOperationException($"Model {Name} has no earlier version to roll back to.");
    }

    public Task<ModelDescription> DescribeAsync() =>
        Task.FromResult(new ModelDescription(Name, registry.State.CurrentVersion, [.. registry.State.Versions.Select(v => v.Info)]));

    public Task<ModelPackage?> GetCurrentAsync()
    {
        var current = Find(registry.State.CurrentVersion);
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

    private StoredModelVersion? Find(int version) => registry.State.Versions.Find(v => v.Info.Version == version);

    private void MakeCurrent(int version, bool rememberPrevious)
    {
        var state = registry.State;
        if (rememberPrevious && state.CurrentVersion != 0)
        {
            state.PreviousVersions.Add(state.CurrentVersion);
        }

        state.CurrentVersion = version;
        var index = state.Versions.FindIndex(v => v.Info.Version == version);
        state.Versions[index] = state.Versions[index] with { Info = state.Versions[index].Info with { PromotedAt = time.GetUtcNow() } };
    }

    private void DropOldVersions()
    {
        var state = registry.State;
        while (state.Versions.Count > MaxStoredVersions)
        {
            var oldest = state.Versions.First(v => v.Info.Version != state.CurrentVersion);
            state.Versions.Remove(oldest);
            state.PreviousVersions.RemoveAll(v => v == oldest.Info.Version);
        }
    }

    private void NotifyIf(bool changed)
    {
        if (changed)
        {
            var (name, version) = (Name, registry.State.CurrentVersion);
            _observers.Notify(observer => observer.OnCurrentVersionChanged(name, version));
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} published (promoted: {Promoted})")]
    private static partial void LogPublished(ILogger logger, string modelName, int version, bool promoted);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Model {ModelName} version {Version} promoted")]
    private static partial void LogPromoted(ILogger logger, string modelName, int version);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Model {ModelName} rolled back to version {Version}")]
    private static partial void LogRolledBack(ILogger logger, string modelName, int version);
}
