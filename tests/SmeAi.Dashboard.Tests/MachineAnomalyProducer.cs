using System.Net.Http.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.Dashboard.Tests;

/// <summary>
/// Makes one machine raise an equipment alert from its own baseline: a run of steady readings, then readings far
/// outside that range, produced to the silo's embedded broker as any outside producer would.
/// </summary>
internal static class MachineAnomalyProducer
{
    public const int NormalReadings = 100;
    public const int AnomalousReadings = 12;

    public static async Task ProduceAsync(HttpClient silo, string machineId, CancellationToken cancellationToken)
    {
        var system = await silo.GetFromJsonAsync<SystemAnswer>(new Uri("api/system", UriKind.Relative), cancellationToken);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = system!.KafkaBootstrap, LingerMs = 5 }).Build();

        var random = new Random(17);
        var start = DateTimeOffset.UtcNow.AddSeconds(-(NormalReadings + AnomalousReadings + 60));
        for (var i = 0; i < NormalReadings + AnomalousReadings; i++)
        {
            var anomalous = i >= NormalReadings;
            var sensors = new Dictionary<string, double>
            {
                ["temperature"] = anomalous ? 145 + random.NextDouble() : 70 + Noise(random, 0.5),
                ["vibration"] = anomalous ? 4.5 + random.NextDouble() * 0.1 : 0.30 + Noise(random, 0.01),
                ["pressure"] = anomalous ? 2.1 + random.NextDouble() * 0.1 : 5.0 + Noise(random, 0.05),
            };
            var reading = new MachineTelemetry(machineId, start.AddSeconds(i), MachineTelemetry.KindTelemetry, sensors);
            await producer.ProduceAsync(
                TopicNames.MachineTelemetry,
                new Message<string, byte[]> { Key = machineId, Value = EventJson.SerializeToUtf8Bytes(reading) },
                cancellationToken);
        }
    }

    private static double Noise(Random random, double amplitude) => (random.NextDouble() * 2 - 1) * amplitude;

    private sealed record SystemAnswer(string KafkaBootstrap);
}
