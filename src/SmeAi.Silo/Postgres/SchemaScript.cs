using System.Globalization;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Postgres;

/// <summary>One numbered script of <c>silo-config/sql/</c>: <c>NNN-name.sql</c>, applied in number order.</summary>
internal sealed record SchemaScript(int Version, string FileName, string FullPath)
{
    public string ReadText() => File.ReadAllText(FullPath);

    public static IReadOnlyList<SchemaScript> ReadAll(string sqlDirectory)
    {
        if (!Directory.Exists(sqlDirectory))
        {
            throw new SiloStartupException($"The SQL scripts folder {sqlDirectory} does not exist; it ships as silo-config/sql beside the silo.");
        }

        var scripts = new List<SchemaScript>();
        foreach (var path in Directory.EnumerateFiles(sqlDirectory, "*.sql"))
        {
            var fileName = Path.GetFileName(path);
            var dash = fileName.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(fileName.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new SiloStartupException($"silo-config/sql/{fileName}: script names must start with a version number, as in 002-orleans-clustering.sql.");
            }

            scripts.Add(new SchemaScript(version, fileName, path));
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SiloStartupException($"silo-config/sql: version {duplicate.Key} is used by more than one script ({string.Join(", ", duplicate.Select(s => s.FileName))}).");
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }
}
