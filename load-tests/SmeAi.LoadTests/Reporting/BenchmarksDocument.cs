namespace SmeAi.LoadTests.Reporting;

/// <summary>
/// docs/benchmarks.md, one <c>## </c> section per benchmark: a run replaces its own section and leaves the others as
/// they are; a section not there yet is appended.
/// </summary>
internal static class BenchmarksDocument
{
    public const string RelativePath = "docs/benchmarks.md";

    /// <summary>Replaces the section headed <paramref name="heading"/> (e.g. <c>## Kafka provider</c>) with <paramref name="section"/>.</summary>
    public static void ReplaceSection(string path, string heading, string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var lines = File.Exists(path) ? [.. File.ReadAllLines(path)] : new List<string> { "# Benchmarks" };
        var start = lines.FindIndex(l => l.TrimEnd() == heading);
        var body = section.TrimEnd('\n').Split('\n');
        if (start < 0)
        {
            while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
            {
                lines.RemoveAt(lines.Count - 1);
            }

            lines.Add(string.Empty);
            lines.AddRange(body);
        }
        else
        {
            var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            var next = end < 0 ? [] : lines[end..];
            lines = [.. lines[..start], .. body, .. (next.Count > 0 ? new[] { string.Empty } : []), .. next];
        }

        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    /// <summary>The repository root: the nearest directory at or above <paramref name="from"/> that holds the solution file.</summary>
    public static string? FindRepositoryRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmeAi.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
