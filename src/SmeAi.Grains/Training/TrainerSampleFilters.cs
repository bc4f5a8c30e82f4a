using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SmeAi.Abstractions.Training;

namespace SmeAi.Grains.Training;

/// <summary>
/// This silo's copy of each trainer's <see cref="SampleFilter"/>, asked for again at most once a second per model, so
/// entity grains drop rows their trainer would not keep without asking it per row. Once a reservoir is full it keeps
/// few of the rows offered; queueing the rest cost a busy entity about 2 KB of rows waiting for a batch. A model with
/// no copy yet, or whose trainer could not be asked, filters nothing. A copy is never looser than the trainer is when
/// a row arrives (its bound only falls), except for a second after a schema change or an erasure lets it rise.
/// </summary>
public sealed partial class TrainerSampleFilters(IGrainFactory grains, TimeProvider time, ILogger<TrainerSampleFilters> logger)
{
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The latest known filter of <paramref name="modelName"/>'s trainer (null: keep every row); asks again when a second old.</summary>
    public SampleFilter? For(string modelName)
    {
        var entry = _entries.GetOrAdd(modelName, static _ => new Entry());
        if (time.GetElapsedTime(Volatile.Read(ref entry.AskedAt)) >= RefreshAfter && Interlocked.CompareExchange(ref entry.Asking, 1, 0) == 0)
        {
            Volatile.Write(ref entry.AskedAt, time.GetTimestamp());

            // Off the calling grain's turn and without its context flowing along: the ask must not run as that grain's call,
            // whose answer would wait for it and be lost with it.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => AskAsync(modelName, entry));
            }
        }

        return entry.Filter;
    }

    private async Task AskAsync(string modelName, Entry entry)
    {
        try
        {
            entry.Filter = await grains.GetGrain<ITrainerGrain>(modelName).GetSampleFilterAsync();
        }
        catch (Exception ex)
        {
            // Keeping every row is always safe; the next ask may get through.
            entry.Filter = null;
            LogAskFailed(logger, ex, modelName);
        }
        finally
        {
            Volatile.Write(ref entry.Asking, 0);
        }
    }

    [LoggerMessage(EventId = 4209, Level = LogLevel.Debug, Message = "Could not ask the trainer of {ModelName} which samples it keeps; entity grains send it every row until the next ask")]
    private static partial void LogAskFailed(ILogger logger, Exception exception, string modelName);

    private sealed class Entry
    {
        public long AskedAt = long.MinValue / 2;
        public int Asking;
        public volatile SampleFilter? Filter;
    }
}
