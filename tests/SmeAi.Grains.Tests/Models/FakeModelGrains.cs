using System.Collections.Concurrent;
using SmeAi.Abstractions.Models;

namespace SmeAi.Grains.Tests.Models;

/// <summary>
/// Model grains as plain objects behind an <see cref="IGrainFactory"/>, so a <see cref="SmeAi.Grains.Models.ModelCache"/>
/// test decides what every call answers: a version that changes without a notification, a load that fails or hangs.
/// </summary>
internal sealed class FakeModelGrains
{
    private readonly ConcurrentDictionary<string, FakeModelGrain> _models = new(StringComparer.Ordinal);

    public FakeModelGrains() => Factory = FakeGrainFactory.Create((_, name) => this[name]);

    /// <summary>Hands out the fakes for <c>GetGrain&lt;IModelGrain&gt;(name)</c> and the observer itself as its reference.</summary>
    public IGrainFactory Factory { get; }

    public FakeModelGrain this[string name] => _models.GetOrAdd(name, static n => new FakeModelGrain(n));
}

internal sealed class FakeModelGrain(string name) : IModelGrain
{
    private ModelPackage? _current;
    private int _subscribeCalls;

    public string Name { get; } = name;

    /// <summary>Runs before <see cref="GetCurrentAsync"/> answers: a test makes the load fail or wait here.</summary>
    public Func<Task>? OnLoad { get; set; }

    public int SubscribeCalls => Volatile.Read(ref _subscribeCalls);

    /// <summary>Changes the current version without telling any observer, as a lost notification would.</summary>
    public void SetCurrent(ModelPackage package) => Volatile.Write(ref _current, package);

    public Task<int> SubscribeAsync(IModelObserver observer)
    {
        Interlocked.Increment(ref _subscribeCalls);
        return Task.FromResult(Volatile.Read(ref _current)?.Info.Version ?? 0);
    }

    public async Task<ModelPackage?> GetCurrentAsync()
    {
        if (OnLoad is { } hook)
        {
            await hook();
        }

        return Volatile.Read(ref _current);
    }

    public Task UnsubscribeAsync(IModelObserver observer) => Task.CompletedTask;

    public Task<ModelVersionInfo> PublishAsync(ModelCandidate candidate, bool promote, int? championVersion) => throw new NotSupportedException();

    public Task<ModelVersionInfo> PromoteAsync(int version) => throw new NotSupportedException();

    public Task<ModelVersionInfo> RollbackAsync() => throw new NotSupportedException();

    public Task<ModelDescription> DescribeAsync() => throw new NotSupportedException();
}

internal static class TinyPackages
{
    /// <summary>A stored version of a <see cref="TinyModels"/> classifier, as a model grain would hand it out.</summary>
    public static ModelPackage Of(SmeAi.Grains.Models.ModelArtifactSerializer artifacts, string name, int version)
    {
        var candidate = artifacts.ToCandidate(TinyModels.Classifier(name, version));
        var info = new ModelVersionInfo(
            name, version, candidate.Kind, candidate.SchemaHash, candidate.TrainingRows, candidate.HeldOutRows, candidate.Metrics,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return new ModelPackage(info, candidate.Payload);
    }

    /// <summary>A stored version written around the publication check, as an older build or a hand-edited row would hold it.</summary>
    public static ModelPackage Unchecked(Orleans.Serialization.Serializer<SmeAi.ML.Models.ModelArtifact> serializer, SmeAi.ML.Models.ModelArtifact artifact, int version)
    {
        var info = new ModelVersionInfo(
            artifact.ModelName, version, artifact.Kind.ToString(), artifact.Schema.Hash, artifact.Metrics.TrainingRows, artifact.Metrics.HeldOutRows,
            artifact.Metrics.Values, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return new ModelPackage(info, serializer.SerializeToArray(artifact));
    }
}
