using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SmeAi.Abstractions.Events;

/// <summary>
/// A reading's sensors as the platform decodes them: the names sorted ordinally (one array shared by every reading
/// of the set, <see cref="SensorNames"/>) and the values in that order. A dictionary per reading hashed and copied the
/// names, and every machine grain sorted them again to build its feature row.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class SensorDictionary : IReadOnlyDictionary<string, double>
{
    [Id(0)]
    private readonly string[] _names;

    [Id(1)]
    private readonly double[] _values;

    /// <param name="sortedNames">Distinct names, sorted ordinally; kept, not copied (pass a shared set).</param>
    /// <param name="values">The values in the names' order; kept, not copied.</param>
    public SensorDictionary(string[] sortedNames, double[] values)
    {
        ArgumentNullException.ThrowIfNull(sortedNames);
        ArgumentNullException.ThrowIfNull(values);
        if (sortedNames.Length != values.Length)
        {
            throw new ArgumentException($"{sortedNames.Length} names and {values.Length} values.", nameof(values));
        }

        _names = sortedNames;
        _values = values;
    }

    /// <summary>No sensors (a failure or maintenance event may carry none).</summary>
    public static SensorDictionary Empty { get; } = new([], []);

    /// <summary>The names, sorted ordinally.</summary>
    public ReadOnlySpan<string> SortedNames => _names;

    /// <summary>The values, in the order of <see cref="SortedNames"/>.</summary>
    public ReadOnlySpan<double> Values => _values;

    public int Count => _names.Length;

    IEnumerable<string> IReadOnlyDictionary<string, double>.Keys => _names;

    IEnumerable<double> IReadOnlyDictionary<string, double>.Values => _values;

    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No sensor '{key}'.");

    /// <summary>The readings of <paramref name="sensors"/> with shared names (the form decoded readings take).</summary>
    public static SensorDictionary From(IReadOnlyDictionary<string, double> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        if (sensors is SensorDictionary readings)
        {
            return readings;
        }

        var names = new string[sensors.Count];
        var values = new double[sensors.Count];
        var i = 0;
        foreach (var (name, value) in sensors)
        {
            names[i] = SensorNames.Shared(name);
            values[i++] = value;
        }

        Array.Sort(names, values, StringComparer.Ordinal);
        return new SensorDictionary(SensorNames.SharedSet(names), values);
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : 0;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new KeyValuePair<string, double>(_names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var index = Array.BinarySearch(_names, key, StringComparer.Ordinal);
        return index >= 0 ? index : -1;
    }
}
