namespace SmeAi.ML.Datasets;

/// <summary>
/// Finds the shared datasets folder: walks up from the application's directory to the folder holding
/// SmeAi.Orleans.sln, then takes <c>../shared/datasets</c> (the datasets are never copied into the repository).
/// </summary>
public static class DatasetLocator
{
    public const string SolutionFile = "SmeAi.Orleans.sln";

    /// <summary>The datasets folder, or null when the repository root or the folder cannot be found.</summary>
    public static string? TryFindDatasets(string? startDirectory = null)
    {
        for (var directory = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                var datasets = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "datasets"));
                return Directory.Exists(datasets) ? datasets : null;
            }
        }

        return null;
    }

    /// <summary>The path of a file under the datasets folder; throws with an explanation when it is missing.</summary>
    public static string GetFile(params string[] relativePath)
    {
        var datasets = TryFindDatasets() ?? throw new DirectoryNotFoundException(
            $"The shared datasets folder was not found: looked for {SolutionFile} above {AppContext.BaseDirectory} and ../shared/datasets beside it. "
            + "Run from a checkout that has the shared/ folder next to the repository.");
        var path = Path.Combine([datasets, .. relativePath]);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Dataset file {path} is missing.", path);
    }
}
