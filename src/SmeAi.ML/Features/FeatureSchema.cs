using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace SmeAi.ML.Features;

/// <summary>
/// The ordered feature names a model was trained on. Rows given to a model are <c>float</c> arrays in exactly
/// this order. <see cref="Hash"/> identifies the feature set: machines with different sensor sets get
/// different schemas, so a model is kept per schema hash (see docs/ml.md).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class FeatureSchema : IEquatable<FeatureSchema>
{
    public FeatureSchema(string name, int version, IEnumerable<string> featureNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentOutOfRangeException.ThrowIfNegative(version);

        // The hash ends each part with '\n' (see ComputeHash); inside the name, "m\n1" with ["a"] would hash as "m" with ["1", "a"].
        if (name.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A schema name must be a single line; got '{name.ReplaceLineEndings(" ")}'.", nameof(name));
        }

        var names = featureNames.ToImmutableArray();
        if (names.IsEmpty)
        {
            throw new ArgumentException("A feature schema needs at least one feature.", nameof(featureNames));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in names)
        {
            if (string.IsNullOrWhiteSpace(feature) || feature.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Feature names must be non-empty single-line strings; got '{feature}'.", nameof(featureNames));
            }

            if (!seen.Add(feature))
            {
                throw new ArgumentException($"Feature '{feature}' appears twice in schema '{name}'.", nameof(featureNames));
            }
        }

        Name = name;
        Version = version;
        FeatureNames = names;
        Hash = ComputeHash(name, version, names);
    }

    /// <summary>The schema's name, for example <c>machine-telemetry</c> or <c>telco-churn</c>.</summary>
    [Id(0)]
    public string Name { get; }

    /// <summary>Bumped when the meaning of a feature changes without its name changing.</summary>
    [Id(1)]
    public int Version { get; }

    [Id(2)]
    public ImmutableArray<string> FeatureNames { get; }

    /// <summary>
    /// First 16 hex digits of SHA-256 over name, version and the ordered feature names, each ended by a newline: stable
    /// across processes. Neither name may contain a newline, so two schemas never hash the same text.
    /// </summary>
    [Id(3)]
    public string Hash { get; }

    public int Count => FeatureNames.Length;

    /// <summary>The position of a feature, or -1.</summary>
    public int IndexOf(string featureName) => FeatureNames.IndexOf(featureName, StringComparer.Ordinal);

    public bool Equals(FeatureSchema? other) =>
        other is not null && Hash == other.Hash && Name == other.Name && Version == other.Version && FeatureNames.SequenceEqual(other.FeatureNames);

    public override bool Equals(object? obj) => Equals(obj as FeatureSchema);

    public override int GetHashCode() => Hash.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"{Name} v{Version} ({Count} features, {Hash})";

    private static string ComputeHash(string name, int version, ImmutableArray<string> names)
    {
        var text = new StringBuilder().Append(name).Append('\n').Append(version).Append('\n');
        foreach (var feature in names)
        {
            text.Append(feature).Append('\n');
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }
}
