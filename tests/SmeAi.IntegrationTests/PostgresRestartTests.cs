using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>In PostgreSQL mode a silo restart keeps what the cluster learned: model versions and entity state.</summary>
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private const int Readings = 400;
    private PostgresSiloCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PostgresSiloCluster.CreateAsync(
        "restart", new Dictionary<string, string> { ["Kafka:FetchWaitMaxMs"] = "10" }, TopicNames.MachineTelemetry, TopicNames.DeadLetter);

    [Fact]
    public async Task Model_versions_and_entity_state_survive_a_restart()
    {
        var first = await StartSiloAsync();
        await ProduceReadingsAsync();
        var model = await WaitForAsync(first, "api/models", models => models.EnumerateArray().FirstOrDefault(m => m.GetProperty("currentVersion").GetInt32() >= 1));
        var machine = await WaitForAsync(first, "api/machines/m-1", m => m.GetProperty("eventsProcessed").GetInt64() == Readings ? m : default);
        var modelName = model.GetProperty("name").GetString()!;
        var version = model.GetProperty("currentVersion").GetInt32();

        first.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var second = await StartSiloAsync();

        using var response = await second.Http.GetAsync(new Uri($"api/models/{modelName}", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {second.Output}");
        var described = await response.Content.ReadFromJsonAsync<JsonElement>();
        var restored = await second.Http.GetFromJsonAsync<JsonElement>(new Uri("api/machines/m-1", UriKind.Relative));
        Assert.Equal(version, described.GetProperty("currentVersion").GetInt32());
        Assert.Contains(described.GetProperty("versions").EnumerateArray(), v => v.GetProperty("version").GetInt32() == version);
        Assert.Equal(Readings, restored.GetProperty("eventsProcessed").GetInt64());
        Assert.Equal(machine.GetProperty("lastEventTs").GetString(), restored.GetProperty("lastEventTs").GetString());
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<SiloProcess> StartSiloAsync()
    {
        var silo = _cluster.StartSilo();
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    private async Task ProduceReadingsAsync()
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _cluster.Kafka.BootstrapServers }).Build();
        var random = new Random(3);
        var start = new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Readings; i++)
        {
            var ts = start.AddMinutes(i).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            var temperature = (70 + random.NextDouble()).ToString(System.Globalization.CultureInfo.InvariantCulture);
            producer.Produce(TopicNames.MachineTelemetry, new Message<string, string>
            {
                Key = "m-1",
                Value = $$$"""{"machineId":"m-1","ts":"{{{ts}}}","sensors":{"temperature":{{{temperature}}},"vibration":0.03}}""",
            });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        await Task.CompletedTask;
    }

    private static async Task<JsonElement> WaitForAsync(SiloProcess silo, string path, Func<JsonElement, JsonElement> pick)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (!deadline.IsCancellationRequested)
        {
            var found = pick(await silo.Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative)));
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            await Task.Delay(250, CancellationToken.None);
        }

        throw new TimeoutException($"{path} never matched{Environment.NewLine}{silo.Output}");
    }
}
