namespace SmeAi.Abstractions.Events;

/// <summary>
/// Equality of name lists (ordinal, element by element), also for a span of names, so a set can be found without
/// first copying the names of the event at hand into an array.
/// </summary>
public sealed class OrdinalNamesComparer : IEqualityComparer<string[]>, IAlternateEqualityComparer<ReadOnlySpan<string>, string[]>
{
    public static OrdinalNamesComparer Instance { get; } = new();

    public bool Equals(string[]? x, string[]? y) => x.AsSpan().SequenceEqual(y, StringComparer.Ordinal);

    public int GetHashCode(string[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<string> alternate, string[] other) => alternate.SequenceEqual(other, StringComparer.Ordinal);

    public int GetHashCode(ReadOnlySpan<string> alternate)
    {
        var hash = default(HashCode);
        foreach (var name in alternate)
        {
            hash.Add(name, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public string[] Create(ReadOnlySpan<string> alternate) => alternate.ToArray();
}
