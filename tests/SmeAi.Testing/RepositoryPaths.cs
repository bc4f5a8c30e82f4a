using System.Reflection;

namespace SmeAi.Testing;

/// <summary>Locates the repository and the build outputs the tests run, from the test assembly's own folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>Debug or Release: whatever the tests themselves were built as, so the silo matches.</summary>
    public static string Configuration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string SiloAssembly => Path.Combine(Root, "src", "SmeAi.Silo", "bin", Configuration, "net10.0", "SmeAi.Silo.dll");

    public static string SiloConfigDirectory => Path.Combine(Path.GetDirectoryName(SiloAssembly)!, "silo-config");

    /// <summary>The shared datasets sit beside the repository, in <c>../shared/datasets</c>.</summary>
    public static string Datasets => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets"));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmeAi.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SmeAi.Orleans.sln not found above {AppContext.BaseDirectory}.");
    }
}
