using Npgsql;
using SmeAi.Testing;
using YamlDotNet.RepresentationModel;

namespace SmeAi.Silo.Tests;

/// <summary>
/// No Docker engine runs on the build machines, so docker-compose.yml is checked for what can be
/// checked without one: it parses, and everything it names (services, build contexts, Dockerfiles,
/// mounted files) exists.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private readonly YamlMappingNode _services;

    public DeploymentFilesTests()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        var document = (YamlMappingNode)yaml.Documents[0].RootNode;
        _services = (YamlMappingNode)document["services"];
    }

    [Fact]
    public void Compose_has_kafka_in_kraft_mode_postgres_16_and_two_silos()
    {
        Assert.StartsWith("apache/kafka:", Scalar(Service("kafka"), "image"), StringComparison.Ordinal);
        Assert.Equal("broker,controller", Scalar(Mapping(Service("kafka"), "environment"), "KAFKA_PROCESS_ROLES"));
        Assert.StartsWith("postgres:16", Scalar(Service("postgres"), "image"), StringComparison.Ordinal);
        var silos = ServiceNames().Where(name => Merged(name).Children.ContainsKey("build")).ToList();
        Assert.Equal(["silo1", "silo2"], silos);
    }

    [Fact]
    public void Every_build_context_and_dockerfile_exists()
    {
        foreach (var name in ServiceNames().Where(name => Merged(name).Children.ContainsKey("build")))
        {
            var build = Mapping(Merged(name), "build");
            var context = Path.GetFullPath(Path.Combine(Root, Scalar(build, "context")));
            Assert.True(Directory.Exists(context), $"{name}: build context {context} does not exist");
            var dockerfile = Path.Combine(context, Scalar(build, "dockerfile"));
            Assert.True(File.Exists(dockerfile), $"{name}: {dockerfile} does not exist");
        }
    }

    [Fact]
    public void Every_mounted_path_of_the_repository_exists()
    {
        var mounts = ServiceNames()
            .SelectMany(name => Sequence(Merged(name), "volumes").Select(v => (name, source: v.Split(':')[0])))
            .Where(m => m.source.StartsWith('.'))
            .ToList();

        Assert.Contains(mounts, m => m.source == "./silo-config/sql");
        foreach (var (name, source) in mounts)
        {
            var path = Path.GetFullPath(Path.Combine(Root, source));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{name}: mounted {source} does not exist");
        }
    }

    [Fact]
    public void Every_dependency_is_a_defined_service()
    {
        var names = ServiceNames().ToHashSet();
        foreach (var name in names)
        {
            if (Merged(name).Children.TryGetValue("depends_on", out var dependsOn))
            {
                var dependencies = dependsOn is YamlMappingNode map
                    ? map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!)
                    : ((YamlSequenceNode)dependsOn).Children.Select(c => ((YamlScalarNode)c).Value!);
                Assert.All(dependencies, d => Assert.Contains(d, names));
            }
        }
    }

    [Fact]
    public void The_topics_file_that_kafka_init_runs_names_every_platform_topic()
    {
        var topicsFile = File.ReadAllLines(Path.Combine(Root, "silo-config", "kafka", "topics.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);

        Assert.Equal(
            Abstractions.TopicNames.Inputs.Concat(Abstractions.TopicNames.Outputs).Order(StringComparer.Ordinal),
            topicsFile.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_silos_get_postgres_and_kafka_and_a_distinct_advertised_address()
    {
        var silos = new[] { "silo1", "silo2" }.Select(name => Mapping(Merged(name), "environment")).ToList();

        Assert.All(silos, env => Assert.Contains("Host=postgres", Scalar(env, "SMEAI_ConnectionStrings__Postgres"), StringComparison.Ordinal));
        Assert.All(silos, env => Assert.Equal("kafka:9092", Scalar(env, "SMEAI_Kafka__BootstrapServers")));
        Assert.Equal(2, silos.Select(env => Scalar(env, "SMEAI_Silo__AdvertisedAddress")).Distinct().Count());
    }

    [Fact]
    public void Postgres_takes_the_connections_every_silo_may_open()
    {
        // Per silo: the Orleans providers' pool and the alert store's, each up to Maximum Pool Size, and the readiness check's one.
        var needed = new[] { "silo1", "silo2" }
            .Select(name => new NpgsqlConnectionStringBuilder(Scalar(Mapping(Merged(name), "environment"), "SMEAI_ConnectionStrings__Postgres")))
            .Sum(connection => (2 * connection.MaxPoolSize) + 1);
        var command = Service("postgres").Children.TryGetValue("command", out var node) ? ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!).ToList() : [];
        var setting = command.SingleOrDefault(c => c.StartsWith("max_connections=", StringComparison.Ordinal));
        var maxConnections = setting is null ? DefaultMaxConnections : int.Parse(setting["max_connections=".Length..], System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(needed <= maxConnections - SuperuserReservedConnections, $"the silos may open {needed} connections; PostgreSQL takes {maxConnections - SuperuserReservedConnections}");
    }

    [Fact]
    public void The_silos_require_an_api_key_and_publish_their_http_port_on_the_loopback_only()
    {
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            Assert.StartsWith("${SMEAI_API_KEY:?", Scalar(Mapping(Merged(silo), "environment"), "SMEAI_Security__ApiKey"), StringComparison.Ordinal);
            Assert.All(Sequence(Merged(silo), "ports"), port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Kafka_publishes_its_plaintext_listener_on_the_loopback_only()
    {
        var ports = Sequence(Service("kafka"), "ports").ToList();

        Assert.NotEmpty(ports);
        Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
    }

    [Fact]
    public void Kafka_keeps_its_log_on_the_mounted_volume()
    {
        var kafka = Service("kafka");
        var dataVolume = Sequence(kafka, "volumes").Single(v => v.StartsWith("kafka-data:", StringComparison.Ordinal));

        Assert.Equal(dataVolume.Split(':')[1], Scalar(Mapping(kafka, "environment"), "KAFKA_LOG_DIRS"));
    }

    /// <summary>PostgreSQL's defaults: <c>max_connections</c>, of which <c>superuser_reserved_connections</c> no application gets.</summary>
    private const int DefaultMaxConnections = 100;

    private const int SuperuserReservedConnections = 3;

    private IEnumerable<string> ServiceNames() => _services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    private YamlMappingNode Service(string name) => (YamlMappingNode)_services[name];

    /// <summary>A service with its YAML merge key (<c>&lt;&lt;: *anchor</c>) applied, as Compose applies it.</summary>
    private YamlMappingNode Merged(string name)
    {
        var service = Service(name);
        var merged = new YamlMappingNode();
        if (service.Children.TryGetValue("<<", out var template))
        {
            foreach (var (key, value) in ((YamlMappingNode)template).Children)
            {
                merged.Children[key] = value;
            }
        }

        foreach (var (key, value) in service.Children.Where(c => ((YamlScalarNode)c.Key).Value != "<<"))
        {
            merged.Children[key] = value;
        }

        return merged;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static IEnumerable<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value)
            ? ((YamlSequenceNode)value).Children.Select(c => ((YamlScalarNode)c).Value!)
            : [];
}
