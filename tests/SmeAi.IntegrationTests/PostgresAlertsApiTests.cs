using System.Net.Http.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>In PostgreSQL mode an alert a silo raises is stored in the database and read back through <c>GET /api/alerts</c>.</summary>
public sealed class PostgresAlertsApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);
    private PostgresSiloCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PostgresSiloCluster.CreateAsync(
        "alerts", new Dictionary<string, string> { ["Kafka:FetchWaitMaxMs"] = "10" }, [TopicNames.MachineTelemetry, .. TopicNames.Outputs]);

    [Fact]
    public async Task A_raised_alert_is_answered_from_the_database_with_what_was_published()
    {
        var silo = _cluster.StartSilo();
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        const string Machine = "m-pg-alert";
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _cluster.Kafka.BootstrapServers }).Build())
        {
            var random = new Random(11);
            for (var i = 0; i < 125; i++)
            {
                var pressure = (i < 120 ? 4.0 : 9.0) + (random.NextDouble() * 0.05);
                var reading = new MachineTelemetry(Machine, Start.AddSeconds(i), MachineTelemetry.KindTelemetry,
                    new Dictionary<string, double> { ["pressure"] = pressure, ["rpm"] = 1500 + random.NextDouble() });
                producer.Produce(TopicNames.MachineTelemetry, new Message<string, byte[]> { Key = Machine, Value = EventJson.SerializeToUtf8Bytes(reading) });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        // The alert on its topic first (the store is written with it), then the whole topic for that machine.
        Assert.NotEmpty(TopicReader.ReadByKey<Alert>(_cluster.Kafka.BootstrapServers, TopicNames.EquipmentAlerts, Machine, r => r.Count > 0, TimeSpan.FromSeconds(90)));
        var published = Assert.Single(TopicReader.ReadAll<Alert>(_cluster.Kafka.BootstrapServers, TopicNames.EquipmentAlerts, TimeSpan.FromSeconds(3), key: Machine));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Alert[] stored;
        while ((stored = (await silo.Http.GetFromJsonAsync<Alert[]>(new Uri("api/alerts?domain=equipment", UriKind.Relative), EventJson.Options, deadline.Token))!
            .Where(a => a.EntityId == Machine).ToArray()).Length == 0)
        {
            await Task.Delay(250, deadline.Token);
        }

        var alert = Assert.Single(stored);
        Assert.Equal((published.AlertId, published.Ts, published.Status, published.Severity), (alert.AlertId, alert.Ts, alert.Status, alert.Severity));
        Assert.Equal(published.Score, alert.Score, 6);
        Assert.Equal(published.Features.Select(f => f.Name), alert.Features.Select(f => f.Name));
        Assert.Empty(await silo.Http.GetFromJsonAsync<Alert[]>(new Uri("api/alerts?domain=churn", UriKind.Relative), EventJson.Options, deadline.Token) ?? []);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
