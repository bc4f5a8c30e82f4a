using System.Net.Http.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// Two silos on PostgreSQL; one is killed (no shutdown, no final writes) while events flow. The survivor
/// takes over its partitions and grains; after dedupe every entity has applied exactly what was produced.
/// </summary>
public sealed class SiloCrashTests : IAsyncLifetime
{
    private const int Keys = 120;
    private const int EventsPerKeyPerPhase = 10;
    private PostgresSiloCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PostgresSiloCluster.CreateAsync(
        "crash",
        new Dictionary<string, string>
        {
            ["Kafka:FetchWaitMaxMs"] = "10",
            ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
            ["Orleans:Membership:NumMissedProbesLimit"] = "3",
            ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        },
        TopicNames.MachineTelemetry,
        TopicNames.DeadLetter);

    [Fact]
    public async Task A_silo_killed_mid_stream_loses_no_event_and_applies_none_twice()
    {
        var doomed = _cluster.StartSilo();
        var survivor = _cluster.StartSilo();
        await Task.WhenAll(doomed.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90)), survivor.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90)));
        await WaitAsync(async () => (await SystemAsync(survivor)).Silos.Count == 2, "both silos active");

        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _cluster.Kafka.BootstrapServers, LingerMs = 5 }).Build();
        await ProducePhaseAsync(producer, phase: 0);
        await WaitAsync(async () => await CountAsync(survivor, "m-0") == EventsPerKeyPerPhase, "phase 0 applied");

        var second = ProducePhaseAsync(producer, phase: 1);
        doomed.KillHard();
        await second;
        await ProducePhaseAsync(producer, phase: 2);

        var expected = 3 * EventsPerKeyPerPhase;
        long[] last = [];
        try
        {
            await WaitAsync(async () => (last = await CountAllAsync(survivor)).All(c => c >= expected), "every key caught up", TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException ex)
        {
            var behind = string.Join(", ", last.Select((c, key) => (c, key)).Where(x => x.c < expected).Select(x => $"m-{x.key}={x.c}").Take(20));
            var outputFile = Path.Combine(Path.GetTempPath(), $"smeai-crash-survivor-{Guid.NewGuid():N}.log");
            await File.WriteAllTextAsync(outputFile, survivor.Output);
            throw new TimeoutException($"{ex.Message}; behind: {behind}; survivor output in {outputFile}{Environment.NewLine}{survivor.OutputTail(60)}", ex);
        }

        var counts = await CountAllAsync(survivor);
        Assert.All(counts, count => Assert.Equal(expected, count));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static async Task ProducePhaseAsync(IProducer<string, string> producer, int phase)
    {
        var start = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero).AddMinutes(phase * EventsPerKeyPerPhase);
        var deliveries = new List<Task>();
        for (var i = 0; i < EventsPerKeyPerPhase; i++)
        {
            for (var key = 0; key < Keys; key++)
            {
                var ts = start.AddMinutes(i).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                deliveries.Add(producer.ProduceAsync(TopicNames.MachineTelemetry, new Message<string, string>
                {
                    Key = $"m-{key}",
                    Value = $$$"""{"machineId":"m-{{{key}}}","ts":"{{{ts}}}","sensors":{"temperature":{{{70 + i}}}}}""",
                }));
            }
        }

        await Task.WhenAll(deliveries);
    }

    private static async Task<SystemResponse> SystemAsync(SiloProcess silo) =>
        (await silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative)))!;

    private static async Task<long> CountAsync(SiloProcess silo, string machineId)
    {
        var machine = await silo.Http.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(new Uri($"api/machines/{machineId}", UriKind.Relative));
        return machine!["eventsProcessed"].GetInt64();
    }

    private static async Task<long[]> CountAllAsync(SiloProcess silo) =>
        await Task.WhenAll(Enumerable.Range(0, Keys).Select(key => CountAsync(silo, $"m-{key}")));

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Calls to grains that lived on the killed silo fail until membership declares it dead.
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            await Task.Delay(250, CancellationToken.None);
        }
    }
}
