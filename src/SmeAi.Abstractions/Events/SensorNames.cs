using System.Collections.Concurrent;
using System.Text.Unicode;

namespace SmeAi.Abstractions.Events;

/// <summary>
/// One shared copy per process of each sensor name and of each sorted set of names. Readings are decoded by the
/// hundred thousand and kept in the stream provider's cache until delivered; machines of a type send the same few
/// names, so a reading needs only its values of its own.
/// </summary>
public static class SensorNames
{
    /// <summary>Most distinct names or sets shared (they come from machine types, so few); past it, they stay per reading.</summary>
    public const int Capacity = 4_096;

    private static readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _namesByChars =
        _names.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly ConcurrentDictionary<string[], string[]> _sets = new(OrdinalNamesComparer.Instance);
    private static readonly ConcurrentDictionary<string[], string[]>.AlternateLookup<ReadOnlySpan<string>> _setsBySpan =
        _sets.GetAlternateLookup<ReadOnlySpan<string>>();

    /// <summary>The shared copy of <paramref name="name"/>.</summary>
    public static string Shared(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_names.TryGetValue(name, out var shared))
        {
            return shared;
        }

        return _names.Count < Capacity ? _names.GetOrAdd(name, name) : name;
    }

    /// <summary>The shared copy of the name spelled by <paramref name="chars"/>; a string is made only on first sight.</summary>
    public static string Shared(ReadOnlySpan<char> chars)
    {
        if (_namesByChars.TryGetValue(chars, out var shared))
        {
            return shared;
        }

        var name = new string(chars);
        return _names.Count < Capacity ? _names.GetOrAdd(name, name) : name;
    }

    /// <summary>The shared name of UTF-8 <paramref name="utf8"/>, or null when it is not valid UTF-8 or longer than a name may be.</summary>
    public static string? Shared(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[Validation.EventLimits.MaxNameLength];
        return Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
            ? Shared(chars[..written])
            : null;
    }

    /// <summary>The shared array of <paramref name="sortedNames"/> (sorted ordinally, distinct); one is made on first sight.</summary>
    public static string[] SharedSet(ReadOnlySpan<string> sortedNames)
    {
        if (_setsBySpan.TryGetValue(sortedNames, out var shared))
        {
            return shared;
        }

        var names = sortedNames.ToArray();
        return _sets.Count < Capacity ? _sets.GetOrAdd(names, names) : names;
    }
}
