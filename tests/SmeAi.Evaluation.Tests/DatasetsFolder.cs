using SmeAi.ML.Datasets;

namespace SmeAi.Evaluation.Tests;

/// <summary>The shared datasets folder beside the repository (CI always has it).</summary>
internal static class DatasetsFolder
{
    public static string Path => DatasetLocator.TryFindDatasets()
        ?? throw new DirectoryNotFoundException("../shared/datasets beside the repository is required by these tests.");
}
