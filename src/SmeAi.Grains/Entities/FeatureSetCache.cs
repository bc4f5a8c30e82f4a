using System.Collections.Concurrent;
using SmeAi.Abstractions.Events;

namespace SmeAi.Grains.Entities;

/// <summary>
/// Feature-name sets as entity grains share them, once per silo: events name their values (sensors, connection
/// features), so each set's sorted names and its model names are made once, not per event or per grain. With 100,000
/// machines active, per-grain copies of the names cost tens of megabytes, and hashing a model name per event was a
/// visible share of a machine's CPU.
/// </summary>
/// <typeparam name="TSet">What is shared per set: its sorted names and the names of its models.</typeparam>
internal sealed class FeatureSetCache<TSet>
    where TSet : class
{
    /// <summary>Most sets kept (sets come from machine types or sensors, so few); past it, sets are used as they come, unshared.</summary>
    public const int Capacity = 1_024;

    private readonly ConcurrentDictionary<string[], TSet> _sets = new(OrdinalNamesComparer.Instance);
    private readonly ConcurrentDictionary<string[], TSet>.AlternateLookup<ReadOnlySpan<string>> _setsBySpan;
    private readonly Func<string[], TSet> _create;
    private readonly Func<TSet, string[]> _namesOf;

    public FeatureSetCache(Func<string[], TSet> create, Func<TSet, string[]> namesOf)
    {
        _create = create;
        _namesOf = namesOf;
        _setsBySpan = _sets.GetAlternateLookup<ReadOnlySpan<string>>();
    }

    /// <summary>The shared set of <paramref name="sortedNames"/> (sorted ordinally), made on first sight.</summary>
    public TSet For(string[] sortedNames)
    {
        ArgumentNullException.ThrowIfNull(sortedNames);
        if (_sets.TryGetValue(sortedNames, out var known))
        {
            return known;
        }

        var set = _create(sortedNames);
        return _sets.Count < Capacity ? _sets.GetOrAdd(sortedNames, set) : set;
    }

    /// <summary>The set of <paramref name="values"/>' names and the values as a feature row in that set's order.</summary>
    public (TSet Set, float[] Row) Row(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values is SensorDictionary readings)
        {
            return Row(readings);
        }

        var set = For(values.Keys.Order(StringComparer.Ordinal).ToArray());
        var names = _namesOf(set);
        var row = new float[names.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (float)values[names[i]];
        }

        return (set, row);
    }

    /// <summary>Decoded readings are sorted already, in the set's order: no sorting, no lookups per value.</summary>
    private (TSet Set, float[] Row) Row(SensorDictionary readings)
    {
        var set = _setsBySpan.TryGetValue(readings.SortedNames, out var known) ? known : For(readings.SortedNames.ToArray());
        var values = readings.Values;
        var row = new float[values.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = (float)values[i];
        }

        return (set, row);
    }
}
