using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// A setting the operator got wrong ends the silo with exit code 1 and one line naming the setting,
/// not a stack trace and not a retry loop.
/// </summary>
public sealed class BadConfigurationTests : IDisposable
{
    /// <summary>PostgreSQL mode needs an external Kafka; the database's failure ends the start before the silo reaches it.</summary>
    private const string UnreachedKafka = "127.0.0.1:9092";

    /// <summary>A test's own copy of silo-config, made on first use; CI machines share /tmp between runs.</summary>
    private DirectoryInfo? _configCopy;

    public void Dispose() => _configCopy?.Delete(recursive: true);

    [Fact]
    public async Task An_unparseable_connection_string_names_the_setting()
    {
        var line = await RunUntilExitAsync(new() { ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=not-a-port" });

        Assert.Contains("ConnectionStrings:Postgres is not a valid PostgreSQL connection string", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_names_the_setting_and_the_address()
    {
        var closedPort = FreePorts.Next();

        var line = await RunUntilExitAsync(new()
        {
            ["ConnectionStrings:Postgres"] = $"Host=127.0.0.1;Port={closedPort};Username=smeai;Timeout=5",
            ["Kafka:BootstrapServers"] = UnreachedKafka,
        });

        Assert.Contains("ConnectionStrings:Postgres: cannot connect to PostgreSQL at 127.0.0.1:" + closedPort, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_mode_without_an_external_kafka_names_the_setting()
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("nokafka");

        var line = await RunUntilExitAsync(new() { ["ConnectionStrings:Postgres"] = database });

        Assert.Contains("Kafka:BootstrapServers is required in PostgreSQL mode", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_script_the_database_refuses_names_the_script()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("badschema");
        var configDirectory = CopyOfSiloConfig();
        File.WriteAllText(Path.Combine(configDirectory, "sql", "900-broken.sql"), "CREATE TABLE broken (id int primary key, id int);");

        var line = await RunUntilExitAsync(
            new() { ["ConnectionStrings:Postgres"] = database, ["Kafka:BootstrapServers"] = UnreachedKafka },
            ["--ConfigDirectory", configDirectory]);

        Assert.Contains("silo-config/sql/900-broken.sql: PostgreSQL refused the script", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_folder_without_settings_names_the_setting_and_the_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "smeai-no-config-" + Guid.NewGuid().ToString("N"));

        var line = await RunUntilExitAsync([], ["--ConfigDirectory", missing]);

        Assert.Contains($"ConfigDirectory: the configuration folder '{missing}' has no appsettings.json", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_names_the_setting()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var line = await RunUntilExitAsync(new() { ["Silo:HttpUrl"] = $"http://127.0.0.1:{port}" });

        Assert.Contains($"Silo:HttpUrl: port {port} on 127.0.0.1 is already in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_range_option_names_the_setting()
    {
        var line = await RunUntilExitAsync(new() { ["Silo:SiloPort"] = "70000" });

        Assert.Contains("Silo:SiloPort must be between 1 and 65535", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Entities:FlushInterval", "00:00:00")]
    [InlineData("Entities:FlushEveryEvents", "0")]
    public async Task An_out_of_range_entity_write_behind_setting_names_the_setting(string setting, string value)
    {
        var line = await RunUntilExitAsync(new() { [setting] = value });

        Assert.Contains(setting + " must be", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Outputs:QueueCapacity", "many", "System.Int32")]
    [InlineData("Training:Epochs", "forty", "System.Int32")]
    [InlineData("Orleans:Membership:ProbeTimeout", "soon", "System.TimeSpan")]
    [InlineData("Kafka:MaxBatchSize", "lots", "System.Int32")]
    [InlineData("Entities:FlushInterval", "later", "System.TimeSpan")]
    public async Task A_value_that_does_not_parse_names_the_setting(string setting, string value, string type)
    {
        var line = await RunUntilExitAsync(new() { [setting] = value });

        Assert.Contains($"Failed to convert configuration value '{value}' at '{setting}' to type '{type}'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orleans:Membership:ProbeTimeout", "-00:00:01", "Orleans:Membership:ProbeTimeout (-00:00:01) must be greater than 0")]
    [InlineData("Kafka:ClientSettings:bogus.key", "1", "No such configuration property: \"bogus.key\"")]
    public async Task A_value_orleans_or_librdkafka_refuses_names_the_setting(string setting, string value, string expected)
    {
        var line = await RunUntilExitAsync(new() { [setting] = value });

        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_file_that_does_not_exist_names_the_setting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "smeai-no-certificate-" + Guid.NewGuid().ToString("N") + ".pfx");

        var line = await RunUntilExitAsync(new()
        {
            ["Silo:HttpUrl"] = $"https://127.0.0.1:{FreePorts.Next()}",
            ["Kestrel:Certificates:Default:Path"] = missing,
        });

        Assert.Contains($"Kestrel:Certificates:Default:Path: no file '{missing}'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_the_host_validates_names_the_setting_without_a_stack_trace()
    {
        var line = await RunUntilExitAsync(new() { ["Outputs:QueueCapacity"] = "0" });

        Assert.Contains("Outputs:QueueCapacity must be between", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:{0}", "is https, but no certificate is configured")]
    [InlineData("http://127.0.0.1:{0}/api", "without a path")]
    public async Task An_http_url_kestrel_cannot_serve_names_the_setting(string url, string expected)
    {
        var line = await RunUntilExitAsync(new() { ["Silo:HttpUrl"] = string.Format(CultureInfo.InvariantCulture, url, FreePorts.Next()) });

        Assert.Contains("Silo:HttpUrl", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    /// <summary>Runs the silo until it gives up and returns its one error line.</summary>
    private static async Task<string> RunUntilExitAsync(Dictionary<string, string> settings, IEnumerable<string>? arguments = null)
    {
        await using var silo = SiloProcess.Start(settings, arguments);
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var errors = silo.Output.Split(Environment.NewLine).Where(l => l.StartsWith("smeai-silo: error: ", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
        return errors[0];
    }

    private string CopyOfSiloConfig()
    {
        _configCopy = Directory.CreateTempSubdirectory("smeai-config-");
        var target = _configCopy.FullName;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.SiloConfigDirectory, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(RepositoryPaths.SiloConfigDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
