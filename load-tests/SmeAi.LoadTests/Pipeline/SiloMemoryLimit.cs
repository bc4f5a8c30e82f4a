using System.Globalization;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// The memory a silo process of the run may use, given to it as a container's memory limit would be: in a container
/// .NET caps its GC heap at 75 % of the limit, so the silo process gets that cap (<c>DOTNET_GCHeapHardLimit</c>).
/// Without a cap the server GC lets the heap grow far past what is live while the machine has memory to spare.
/// </summary>
internal static class SiloMemoryLimit
{
    /// <summary>The share of a container's memory limit that .NET allows its GC heap by default.</summary>
    public const double ContainerHeapShare = 0.75;

    /// <summary>Smallest limit the harness accepts: below it a silo does not start.</summary>
    public const int MinimumMiB = 256;

    public const string HeapHardLimitVariable = "DOTNET_GCHeapHardLimit";

    /// <summary>The silo process's environment for a limit of <paramref name="limitMiB"/> (none when null).</summary>
    public static IReadOnlyDictionary<string, string> Environment(int? limitMiB)
    {
        if (limitMiB is not { } mib)
        {
            return new Dictionary<string, string>();
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(mib, MinimumMiB);
        return new Dictionary<string, string>
        {
            // The runtime reads its GC settings from the environment as hexadecimal numbers.
            [HeapHardLimitVariable] = "0x" + HeapBytes(mib).ToString("X", CultureInfo.InvariantCulture),
        };
    }

    public static long HeapBytes(int limitMiB) => (long)(limitMiB * 1024L * 1024L * ContainerHeapShare);
}
