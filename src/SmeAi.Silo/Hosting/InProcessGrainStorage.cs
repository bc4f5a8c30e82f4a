using Orleans.Serialization;
using Orleans.Storage;

namespace SmeAi.Silo.Hosting;

/// <summary>
/// Grain state of embedded mode: a copy of each grain's state in this process's memory, lost when it stops. Orleans'
/// memory storage keeps state in storage grains instead, and those are gone first when the silo stops, so every entity
/// and trainer writing its last state on the way out failed (hundreds of error lines on each stop, thousands at the end of
/// an evaluation replay). Here the store lives as long as the process. States are kept serialised, so a grain's later
/// changes never leak into what was written, and version tags guard writes as a database's would.
/// </summary>
internal sealed class InProcessGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), (byte[] State, long Version)> _states = [];
    private readonly Lock _lock = new();
    private long _lastVersion;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        (byte[] State, long Version) stored;
        bool found;
        lock (_lock)
        {
            found = _states.TryGetValue((stateName, grainId), out stored);
        }

        if (found)
        {
            grainState.State = serializer.Deserialize<T>(stored.State);
            grainState.ETag = Tag(stored.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var bytes = serializer.SerializeToArray(grainState.State);
        long version;
        lock (_lock)
        {
            CheckVersion(stateName, grainId, grainState.ETag);
            version = ++_lastVersion;
            _states[(stateName, grainId)] = (bytes, version);
        }

        grainState.ETag = Tag(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_lock)
        {
            CheckVersion(stateName, grainId, grainState.ETag);
            _states.Remove((stateName, grainId));
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private void CheckVersion(string stateName, GrainId grainId, string? expected)
    {
        var current = _states.TryGetValue((stateName, grainId), out var stored) ? Tag(stored.Version) : null;
        if (current != expected)
        {
            throw new InconsistentStateException(
                $"Version conflict writing {stateName} of {grainId}: stored {current ?? "none"}, the grain expected {expected ?? "none"}", current ?? "", expected ?? "");
        }
    }

    private static string Tag(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
