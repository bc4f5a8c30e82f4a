namespace SmeAi.Grains;

/// <summary>FNV-1a over a string's UTF-16 code units: unlike string.GetHashCode, the same in every process and machine.</summary>
internal static class StableHash
{
    public static uint Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
