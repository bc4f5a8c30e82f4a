using SmeAi.Silo.Hosting;
using SmeAi.Silo.Postgres;
using SmeAi.Testing;

namespace SmeAi.Silo.Tests;

public sealed class SchemaScriptTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("smeai-sql-");

    [Fact]
    public void Shipped_scripts_are_numbered_in_order_and_each_records_its_version()
    {
        var scripts = SchemaScript.ReadAll(Path.Combine(RepositoryPaths.Root, "silo-config", "sql"));

        Assert.Equal(0, scripts[0].Version);
        Assert.Equal(scripts.Select(s => s.Version).Order(), scripts.Select(s => s.Version));
        foreach (var script in scripts)
        {
            Assert.Contains($"VALUES ({script.Version},", script.ReadText().Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Scripts_are_read_in_version_order_not_name_order()
    {
        Write("10-later.sql");
        Write("2-earlier.sql");

        Assert.Equal(["2-earlier.sql", "10-later.sql"], SchemaScript.ReadAll(_folder.FullName).Select(s => s.FileName));
    }

    [Fact]
    public void A_script_without_a_version_is_refused_by_name()
    {
        Write("orleans.sql");

        var error = Assert.Throws<SiloStartupException>(() => SchemaScript.ReadAll(_folder.FullName));
        Assert.Contains("orleans.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_scripts_with_one_version_are_refused()
    {
        Write("3-a.sql");
        Write("003-b.sql");

        var error = Assert.Throws<SiloStartupException>(() => SchemaScript.ReadAll(_folder.FullName));
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private void Write(string name) => File.WriteAllText(Path.Combine(_folder.FullName, name), "SELECT 1;");
}
