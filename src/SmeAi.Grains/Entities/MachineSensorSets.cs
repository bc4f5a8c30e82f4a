using System.Collections.Concurrent;

namespace SmeAi.Grains.Entities;

/// <summary>A sensor set as machine grains share it: the sorted sensor names and the names of the set's anomaly and failure models.</summary>
public sealed record MachineSensorSet(string[] Names, string ModelName, string FailureModelName);

/// <summary>
/// The sensor sets machines report, once per silo. With 100,000 machines active, each machine grain keeping its own
/// copies of the sensor names (in its baseline, trainer feed and state) and of the model name cost tens of megabytes;
/// shared, they cost nothing per machine, and the model name's hash is computed once per set instead of per reading.
/// </summary>
public static class MachineSensorSets
{
    /// <summary>Most sets kept (sets come from machine types, so few); past it, sets are used as they come, unshared.</summary>
    public const int Capacity = 1_024;

    private static readonly ConcurrentDictionary<string[], MachineSensorSet> _sets = new(NamesComparer.Instance);

    /// <summary>The shared set of <paramref name="sortedNames"/> (sorted ordinally), made on first sight.</summary>
    public static MachineSensorSet For(string[] sortedNames)
    {
        ArgumentNullException.ThrowIfNull(sortedNames);
        if (_sets.TryGetValue(sortedNames, out var known))
        {
            return known;
        }

        var set = new MachineSensorSet(sortedNames, MachineModelNames.For(sortedNames), MachineModelNames.FailureFor(sortedNames));
        return _sets.Count < Capacity ? _sets.GetOrAdd(sortedNames, set) : set;
    }

    private sealed class NamesComparer : IEqualityComparer<string[]>
    {
        public static NamesComparer Instance { get; } = new();

        public bool Equals(string[]? x, string[]? y) => x.AsSpan().SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(string[] obj)
        {
            var hash = default(HashCode);
            foreach (var name in obj)
            {
                hash.Add(name, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
