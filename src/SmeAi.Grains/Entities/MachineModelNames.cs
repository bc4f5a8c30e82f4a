using System.Security.Cryptography;
using System.Text;

namespace SmeAi.Grains.Entities;

/// <summary>
/// Machines with different sensor sets get different anomaly models: the model name carries a stable
/// hash of the sorted sensor names, e.g. <c>equipment-anomaly-3f2a9c1b</c>.
/// </summary>
public static class MachineModelNames
{
    public const string Prefix = "equipment-anomaly-";

    /// <summary>The failure-risk classifier of a sensor set (a classifier by <c>Training:ClassifierPrefixes</c>).</summary>
    public const string FailurePrefix = "equipment-failure-";

    public static string For(IReadOnlyList<string> sortedSensorNames) => ForFeatureSet(Prefix, sortedSensorNames);

    public static string FailureFor(IReadOnlyList<string> sortedSensorNames) => ForFeatureSet(FailurePrefix, sortedSensorNames);

    /// <summary>
    /// <paramref name="prefix"/> and a stable hash of the sorted feature names (machines, security feature sets), joined
    /// by newlines. A name may not be empty or contain a newline, or two sets would join to the same text (["a\nb"] and
    /// ["a", "b"]); the event validators refuse such names (control characters) before an event reaches a grain.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or contains a newline.</exception>
    public static string ForFeatureSet(string prefix, IReadOnlyList<string> sortedNames)
    {
        ArgumentNullException.ThrowIfNull(sortedNames);
        foreach (var name in sortedNames)
        {
            if (string.IsNullOrEmpty(name) || name.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Feature names must be non-empty single-line strings; got '{name?.ReplaceLineEndings(" ")}'.", nameof(sortedNames));
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sortedNames)));
        return prefix + Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }
}
