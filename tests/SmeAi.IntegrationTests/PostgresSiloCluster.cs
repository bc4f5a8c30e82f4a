using SmeAi.Streaming.Kafka.Embedded;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// Silo processes of one cluster on a fresh PostgreSQL database, sharing a broker in the test process
/// (an external Kafka as far as the silos know). Disposing stops the silos, then the broker.
/// </summary>
internal sealed class PostgresSiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<string, string> _settings;

    private PostgresSiloCluster(EmbeddedKafkaBroker kafka, string database, IReadOnlyDictionary<string, string> settings)
    {
        Kafka = kafka;
        Database = database;
        _settings = new Dictionary<string, string>(settings)
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
        };
    }

    public EmbeddedKafkaBroker Kafka { get; }

    /// <summary>Connection string of the cluster's own database.</summary>
    public string Database { get; }

    /// <param name="purpose">Part of the database name.</param>
    /// <param name="settings">Further silo settings, e.g. membership timeouts.</param>
    /// <param name="topics">Topics the broker creates with the default partition count.</param>
    public static async Task<PostgresSiloCluster> CreateAsync(string purpose, IReadOnlyDictionary<string, string>? settings = null, params string[] topics)
    {
        var database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync(purpose);
        var options = new EmbeddedKafkaBrokerOptions();
        foreach (var topic in topics)
        {
            options.Topics.Add(new EmbeddedKafkaTopicOptions { Name = topic });
        }

        return new PostgresSiloCluster(new EmbeddedKafkaBroker(options), database, settings ?? new Dictionary<string, string>());
    }

    /// <summary>Starts one more silo of the cluster; it is not waited for.</summary>
    public SiloProcess StartSilo()
    {
        var silo = SiloProcess.Start(_settings);
        _silos.Add(silo);
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Kafka.DisposeAsync();
    }
}
