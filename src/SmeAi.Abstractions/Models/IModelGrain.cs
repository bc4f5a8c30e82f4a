namespace SmeAi.Abstractions.Models;

/// <summary>
/// The registry of one model (keyed by model name): every published version, which one is current,
/// and the silos to tell when that changes. Persisted, so a restart in PostgreSQL mode keeps the versions.
/// </summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores a new version (numbered 1, 2, …) and makes it current when <paramref name="promote"/> is set. With
    /// <paramref name="championVersion"/> (the version the candidate beat; 0 for none) it is made current only while that
    /// version still is, so a promotion or rollback made meanwhile is not undone. The answer's
    /// <see cref="ModelVersionInfo.PromotedAt"/> says whether it became current.
    /// </summary>
    Task<ModelVersionInfo> PublishAsync(ModelCandidate candidate, bool promote, int? championVersion = null);

    /// <summary>Makes a stored version current. Throws <see cref="KeyNotFoundException"/> for an unknown version.</summary>
    Task<ModelVersionInfo> PromoteAsync(int version);

    /// <summary>Goes back to the version that was current before the current one.</summary>
    Task<ModelVersionInfo> RollbackAsync();

    Task<ModelDescription> DescribeAsync();

    /// <summary>The current version with its payload, or null before the first promotion.</summary>
    Task<ModelPackage?> GetCurrentAsync();

    /// <summary>Registers a silo's cache for promotions; returns the current version (0 when none). Renew within <see cref="ModelObserverLease"/>.</summary>
    Task<int> SubscribeAsync(IModelObserver observer);

    Task UnsubscribeAsync(IModelObserver observer);
}

/// <summary>How long a model grain remembers a subscribed observer without renewal.</summary>
public static class ModelObserverLease
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
}
