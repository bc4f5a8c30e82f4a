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

    /// <summary><paramref name="prefix"/> and a stable hash of the sorted feature names (machines, security feature sets).</summary>
    public static string ForFeatureSet(string prefix, IReadOnlyList<string> sortedNames)
    {
        ArgumentNullException.ThrowIfNull(sortedNames);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sortedNames)));
        return prefix + Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }
}
