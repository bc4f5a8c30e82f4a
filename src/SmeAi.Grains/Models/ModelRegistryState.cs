namespace SmeAi.Grains.Models;

/// <summary>Persisted state of a <see cref="ModelGrain"/>.</summary>
[GenerateSerializer]
public sealed class ModelRegistryState
{
    /// <summary>Stored versions, oldest first, at most <see cref="ModelGrain.MaxStoredVersions"/>.</summary>
    [Id(0)]
    public List<StoredModelVersion> Versions { get; set; } = [];

    /// <summary>0 until a version is promoted.</summary>
    [Id(1)]
    public int CurrentVersion { get; set; }

    /// <summary>Versions that were current before, most recent last, each once: what rollback returns to.</summary>
    [Id(2)]
    public List<int> PreviousVersions { get; set; } = [];

    [Id(3)]
    public int LastVersionNumber { get; set; }

    /// <summary>A copy to change: the grain keeps serving this one until the copy is stored.</summary>
    public ModelRegistryState Copy() => new()
    {
        Versions = [.. Versions],
        CurrentVersion = CurrentVersion,
        PreviousVersions = [.. PreviousVersions],
        LastVersionNumber = LastVersionNumber,
    };
}

[GenerateSerializer, Immutable]
public sealed record StoredModelVersion(
    [property: Id(0)] SmeAi.Abstractions.Models.ModelVersionInfo Info,
    [property: Id(1)] byte[] Payload);
