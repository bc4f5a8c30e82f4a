using System.Collections.Concurrent;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

/// <summary>
/// Everything the test grains received, in arrival order per key. Static so it outlives a stopped silo's grains;
/// the tests run one at a time and clear it first.
/// </summary>
public static class TestLedger
{
    private static readonly ConcurrentDictionary<string, List<Received>> ByKey = new(StringComparer.Ordinal);
    private static long _total;

    public static long Total => Interlocked.Read(ref _total);

    public static void Clear()
    {
        ByKey.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    public static void Record(string key, int seq, int partition, long offset)
    {
        var list = ByKey.GetOrAdd(key, _ => []);
        lock (list)
        {
            list.Add(new Received(seq, partition, offset));
        }

        Interlocked.Increment(ref _total);
    }

    public static IReadOnlyList<Received> Of(string key)
    {
        if (!ByKey.TryGetValue(key, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>What a grain applies when it dedupes by (partition, offset): the first arrival of each, in order.</summary>
    public static IReadOnlyList<Received> Deduped(string key)
    {
        var seen = new HashSet<(int, long)>();
        return [.. Of(key).Where(r => seen.Add((r.Partition, r.Offset)))];
    }

    /// <summary>Distinct (partition, offset) pairs received over all keys.</summary>
    public static int DistinctCount() => ByKey.Keys.Sum(key => Deduped(key).Count);
}

public readonly record struct Received(int Seq, int Partition, long Offset);
