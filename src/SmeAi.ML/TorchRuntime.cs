using System.Runtime.InteropServices;
using TorchSharp;

namespace SmeAi.ML;

/// <summary>
/// Loads TorchSharp's native CPU backend once. Call <see cref="EnsureLoaded"/> before training so a
/// missing or unloadable native library fails with an explanation rather than deep inside a model.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lazy<Exception?> _loadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the native backend; throws <see cref="InvalidOperationException"/> saying why it cannot be loaded.</summary>
    public static void EnsureLoaded()
    {
        if (_loadFailure.Value is { } failure)
        {
            throw new InvalidOperationException(
                "TorchSharp's native library (libLibTorchSharp) could not be loaded. TorchSharp 0.107 needs "
                + "GLIBCXX_3.4.32 from libstdc++; on older systems such as Debian 12 the build marks that need weak "
                + "in the output copy (build/TorchSharpNativeFix.targets), so run from a build made on this machine, "
                + "or publish with -p:TorchSharpNativeFix=always for such a system. Cause: " + DescribeLoaderError(failure),
                failure);
        }
    }

    // TorchSharp's own message suggests a missing package reference; the dynamic loader says what is wrong.
    private static string DescribeLoaderError(Exception failure)
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
        ];
        foreach (var candidate in candidates.Where(File.Exists))
        {
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(candidate));
            }
            catch (DllNotFoundException ex)
            {
                return ex.Message;
            }
        }

        return failure.GetBaseException().Message;
    }

    private static Exception? TryLoad()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception ex) when (ex is NotSupportedException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return ex;
        }
    }
}
