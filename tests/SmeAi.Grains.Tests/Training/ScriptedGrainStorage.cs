using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace SmeAi.Grains.Tests.Training;

/// <summary>
/// Grain storage whose writes the test can hold open or fail, and which refuses a write that overlaps another for the
/// same grain as ETag-checked storage (ADO.NET) would: both writes carry the ETag read before either finished.
/// Keeps a serialized copy of each state as it was when its write started.
/// </summary>
public sealed class ScriptedGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), byte[]> _stored = new();
    private readonly ConcurrentDictionary<(string, GrainId), int> _inFlight = new();
    private readonly ConcurrentDictionary<GrainId, int> _written = new();
    private TaskCompletionSource _writeStarted = NewSignal();
    private TaskCompletionSource? _held;
    private GrainId? _failing;
    private int _maxConcurrentWrites;
    private int _refused;

    /// <summary>Most writes of one grain's state in flight at once.</summary>
    public int MaxConcurrentWrites => Volatile.Read(ref _maxConcurrentWrites);

    /// <summary>Writes refused because another of the same state was in flight.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Writes of <paramref name="grainId"/>'s states that were stored.</summary>
    public int WritesOf(GrainId grainId) => _written.GetValueOrDefault(grainId);

    /// <summary>Completes when a write starts after <see cref="HoldWrites"/>.</summary>
    public Task WriteStarted => _writeStarted.Task;

    /// <summary>Writes from now on wait for <see cref="ReleaseWrites"/>.</summary>
    public void HoldWrites()
    {
        _writeStarted = NewSignal();
        _held = NewSignal();
    }

    public void ReleaseWrites() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    /// <summary>Every write of <paramref name="grainId"/>'s state fails from now on, as when the database is down.</summary>
    public void FailWritesOf(GrainId grainId) => _failing = grainId;

    /// <summary>The state as last stored, read with <paramref name="reader"/>: the silo's serializer is gone once it stopped.</summary>
    public T? Stored<T>(string stateName, GrainId grainId, Serializer reader) =>
        _stored.TryGetValue((stateName, grainId), out var bytes) ? reader.Deserialize<T>(bytes) : default;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_stored.TryGetValue((stateName, grainId), out var bytes))
        {
            grainState.State = serializer.Deserialize<T>(bytes);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (_failing == grainId)
        {
            throw new StorageWriteFailedException($"storage refused the write of {stateName} for {grainId}");
        }

        var key = (stateName, grainId);
        var bytes = serializer.SerializeToArray(grainState.State);
        var inFlight = _inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
        try
        {
            InterlockedMax(ref _maxConcurrentWrites, inFlight);
            _writeStarted.TrySetResult();
            if (inFlight > 1)
            {
                Interlocked.Increment(ref _refused);
                throw new InconsistentStateException($"another write of {stateName} for {grainId} is in flight", "stored", "current");
            }

            if (_held is { } held)
            {
                await held.Task;
            }

            _stored[key] = bytes;
            _written.AddOrUpdate(grainId, 1, (_, n) => n + 1);
            grainState.RecordExists = true;
        }
        finally
        {
            _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _stored.TryRemove((stateName, grainId), out _);
        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}

public sealed class StorageWriteFailedException(string message) : Exception(message);
