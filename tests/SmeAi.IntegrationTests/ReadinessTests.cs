using System.Net;
using System.Text.Json;
using Npgsql;
using SmeAi.Abstractions;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// <c>/health/ready</c> answers 503, naming the dependency, while PostgreSQL or Kafka is away, and 200 again once it is
/// back; <c>/health</c> (liveness) stays 200 throughout, so a container runtime does not restart the silo for it.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private PostgresSiloCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PostgresSiloCluster.CreateAsync(
        "ready", null, [.. TopicNames.Inputs, .. TopicNames.Outputs]);

    public async Task DisposeAsync()
    {
        await SetConnectionsAllowedAsync(true);
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Ready_only_while_kafka_and_postgres_answer_and_alive_throughout()
    {
        var silo = _cluster.StartSilo();
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));

        var ready = await WaitForReadinessAsync(silo, HttpStatusCode.OK);
        Assert.Equal(("Healthy", "Healthy", "Healthy"), (Check(ready, "orleans-silo"), Check(ready, "kafka"), Check(ready, "postgres")));

        await SetConnectionsAllowedAsync(false);
        var withoutDatabase = await WaitForReadinessAsync(silo, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(("Unhealthy", "Healthy"), (Check(withoutDatabase, "postgres"), Check(withoutDatabase, "kafka")));
        Assert.Equal(HttpStatusCode.OK, await LivenessAsync(silo));

        await SetConnectionsAllowedAsync(true);
        var databaseBack = await WaitForReadinessAsync(silo, HttpStatusCode.OK);
        Assert.Equal("Healthy", Check(databaseBack, "postgres"));

        await _cluster.Kafka.DisposeAsync();
        var withoutKafka = await WaitForReadinessAsync(silo, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(("Unhealthy", "Healthy"), (Check(withoutKafka, "kafka"), Check(withoutKafka, "postgres")));
        Assert.Contains("did not answer", Description(withoutKafka, "kafka"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await LivenessAsync(silo));

        // Its broker is gone for good: a graceful stop would only wait for outputs that cannot leave.
        silo.KillHard();
    }

    private static string? Check(JsonElement report, string name) =>
        report.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();

    private static string Description(JsonElement report, string name) =>
        report.GetProperty("checks").GetProperty(name).GetProperty("description").GetString() ?? "";

    private static async Task<HttpStatusCode> LivenessAsync(SiloProcess silo)
    {
        using var response = await silo.Http.GetAsync(new Uri("health", UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<JsonElement> WaitForReadinessAsync(SiloProcess silo, HttpStatusCode expected)
    {
        using var deadline = new CancellationTokenSource(Patience);
        var last = "";
        while (true)
        {
            using var response = await silo.Http.GetAsync(new Uri("health/ready", UriKind.Relative), CancellationToken.None);
            last = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode == expected)
            {
                return JsonDocument.Parse(last).RootElement.Clone();
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"/health/ready did not answer {(int)expected} within {Patience}; last answer: {last}");
            }

            await Task.Delay(500, CancellationToken.None);
        }
    }

    /// <summary>Closes the cluster's database to every new connection and ends its open ones, as a database outage would; or opens it again.</summary>
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        var name = new NpgsqlConnectionStringBuilder(_cluster.Database).Database;
        await using var admin = new NpgsqlConnection((await PostgresServer.SharedAsync()).AdminConnectionString);
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", admin))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allowed)
        {
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name", admin);
            terminate.Parameters.AddWithValue("name", name!);
            await terminate.ExecuteNonQueryAsync();
        }
    }
}
