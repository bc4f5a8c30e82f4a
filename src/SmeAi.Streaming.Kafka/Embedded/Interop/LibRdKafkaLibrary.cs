using System.Reflection;
using System.Runtime.InteropServices;

namespace SmeAi.Streaming.Kafka.Embedded.Interop;

/// <summary>
/// Finds the librdkafka that Confluent.Kafka has loaded and routes this assembly's P/Invokes to it.
/// </summary>
/// <remarks>
/// Two copies of librdkafka in one process would each have their own globals and threads; the mock
/// cluster and the clients talking to it must share one. Confluent.Kafka picks its file at run time
/// (on Debian 12 <c>librdkafka.so</c> fails to load for lack of <c>libsasl2.so.3</c>, so it falls back
/// to <c>centos8-librdkafka.so</c>), so the file is read from the process's own mappings instead of
/// being guessed. The imports use a logical name that nothing else resolves, so a missing resolver
/// fails loudly rather than silently loading another copy.
/// </remarks>
internal static class LibRdKafkaLibrary
{
    /// <summary>The library name every <c>LibraryImport</c> of this assembly uses for librdkafka.</summary>
    internal const string LogicalName = "smeai-librdkafka";

    /// <summary>Exports the embedded broker calls; checked up front so a missing one is named at start.</summary>
    private static readonly string[] _requiredExports =
    [
        "rd_kafka_conf_new", "rd_kafka_conf_set", "rd_kafka_conf_destroy", "rd_kafka_conf_set_opaque",
        "rd_kafka_conf_set_log_cb", "rd_kafka_opaque", "rd_kafka_new", "rd_kafka_destroy", "rd_kafka_err2str",
        "rd_kafka_mock_cluster_new", "rd_kafka_mock_cluster_destroy", "rd_kafka_mock_cluster_bootstraps",
        "rd_kafka_mock_topic_create",
    ];

    private static readonly Lazy<LoadedLibrary> _library = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Full path of the loaded librdkafka, or its bare name where the platform does not tell.</summary>
    internal static string Path => _library.Value.Path;

    /// <summary>librdkafka's version string, as reported by Confluent.Kafka.</summary>
    internal static string Version => _library.Value.Version;

    /// <summary>
    /// Loads librdkafka through Confluent.Kafka (a no-op when a client already did) and registers the resolver.
    /// Throws <see cref="DllNotFoundException"/> or <see cref="EntryPointNotFoundException"/> with the reason.
    /// </summary>
    internal static void EnsureLoaded() => _ = _library.Value;

    private static LoadedLibrary Load()
    {
        string version;
        try
        {
            // Confluent.Kafka's own loader runs first, so the file it settles on is the only one mapped.
            Confluent.Kafka.Library.Load();
            version = Confluent.Kafka.Library.VersionString;
        }
        catch (DllNotFoundException ex)
        {
            throw new DllNotFoundException(
                $"The embedded Kafka broker needs librdkafka, and Confluent.Kafka could not load it: {ex.Message}", ex);
        }

        var path = FindMappedLibrary() ?? "librdkafka";
        nint handle;
        try
        {
            // dlopen of a file that is already mapped returns the existing handle, so no second copy appears.
            handle = System.IO.Path.IsPathRooted(path)
                ? NativeLibrary.Load(path)
                : NativeLibrary.Load(path, typeof(Confluent.Kafka.Library).Assembly, null);
        }
        catch (DllNotFoundException ex)
        {
            throw new DllNotFoundException(
                $"The embedded Kafka broker could not open librdkafka '{path}' (librdkafka {version} is loaded by Confluent.Kafka): {ex.Message}", ex);
        }

        var missing = _requiredExports.Where(name => !NativeLibrary.TryGetExport(handle, name, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new EntryPointNotFoundException(
                $"librdkafka '{path}' (version {version}) does not export {string.Join(", ", missing)}; "
                + "the embedded Kafka broker needs a build that includes the mock cluster API (rdkafka_mock.h).");
        }

        NativeLibrary.SetDllImportResolver(typeof(LibRdKafkaLibrary).Assembly, Resolve);
        return new LoadedLibrary(handle, path, version);
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LogicalName ? _library.Value.Handle : 0;

    /// <summary>
    /// The librdkafka file mapped into this process, from <c>/proc/self/maps</c>; null where that file does
    /// not exist (not Linux), in which case the same name resolution Confluent.Kafka uses applies.
    /// </summary>
    private static string? FindMappedLibrary()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var paths = MappedLibRdKafkaFiles();
        return paths.Count switch
        {
            0 => throw new DllNotFoundException(
                "Confluent.Kafka reported librdkafka as loaded, but no librdkafka file is mapped into this process."),
            1 => paths[0],
            _ => throw new InvalidOperationException(
                $"More than one librdkafka is loaded into this process ({string.Join(", ", paths)}); "
                + "the embedded Kafka broker and the clients would not share one library."),
        };
    }

    /// <summary>Distinct librdkafka files mapped into this process (Linux only).</summary>
    internal static IReadOnlyList<string> MappedLibRdKafkaFiles() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var start and >= 0 ? line[start..] : null)
            .OfType<string>()
            .Where(IsLibRdKafka)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    // Matches librdkafka.so, centos8-librdkafka.so, alpine-librdkafka.so, librdkafka.so.1, but not librdkafka++.
    private static bool IsLibRdKafka(string path)
    {
        var fileName = System.IO.Path.GetFileName(path);
        return fileName.Contains("librdkafka.so", StringComparison.Ordinal);
    }

    private sealed record LoadedLibrary(nint Handle, string Path, string Version);
}
