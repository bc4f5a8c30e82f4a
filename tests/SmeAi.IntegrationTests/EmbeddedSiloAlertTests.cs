using System.Net.Http.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.IntegrationTests;

/// <summary>
/// A machine on the embedded broker runs normally and then jumps far outside its own range: the silo publishes the alert
/// to <c>equipment-alerts</c> with its explanation, shows it as the machine's open alert, and scores every reading on
/// <c>smeai-scores</c> (as warm-up, since no model knows this sensor set).
/// </summary>
public sealed class EmbeddedSiloAlertTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_jump_reaches_the_alert_topic_and_the_machine_api_and_every_reading_is_scored()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var machine = $"m-jump-{suffix}";
        var sensor = $"pressure_{suffix}";
        var bootstrap = (await fixture.Silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative)))!.KafkaBootstrap;
        var random = new Random(11);
        const int Normal = 120;
        const int Jumped = 5;
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5 }).Build())
        {
            for (var i = 0; i < Normal + Jumped; i++)
            {
                var pressure = (i < Normal ? 4.0 : 9.0) + (random.NextDouble() * 0.05);
                var reading = new MachineTelemetry(machine, Start.AddSeconds(i), MachineTelemetry.KindTelemetry,
                    new Dictionary<string, double> { [sensor] = pressure, ["rpm"] = 1500 + random.NextDouble() });
                producer.Produce(TopicNames.MachineTelemetry, new Message<string, byte[]> { Key = machine, Value = EventJson.SerializeToUtf8Bytes(reading) });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        // Once the alert is there and every reading is scored, the whole topic (to its ends, then a quiet spell) holds it once.
        Assert.NotEmpty(TopicReader.ReadByKey<Alert>(bootstrap, TopicNames.EquipmentAlerts, machine, r => r.Count > 0, TimeSpan.FromSeconds(60)));
        var scores = TopicReader.ReadByKey<ScoreRecord>(bootstrap, TopicNames.Scores, machine, r => r.Count >= Normal + Jumped, TimeSpan.FromSeconds(60));
        var alert = Assert.Single(TopicReader.ReadAll<Alert>(bootstrap, TopicNames.EquipmentAlerts, TimeSpan.FromSeconds(3), key: machine));
        Assert.Equal((AlertDomains.Equipment, Alert.StatusOpen), (alert.Domain, alert.Status));
        Assert.InRange(alert.Ts, Start.AddSeconds(Normal), Start.AddSeconds(Normal + Jumped - 1));
        Assert.Equal(sensor, alert.Features[0].Name);
        Assert.InRange(alert.Features[0].Baseline, 4.0, 4.06);
        Assert.InRange(alert.Features[0].Value, 9.0, 9.06);
        Assert.Contains(alert.Severity, new[] { "medium", "high", "critical" });

        Assert.Equal(Normal + Jumped, scores.Select(s => s.Offset).Distinct().Count());
        Assert.All(scores, s => Assert.True(s.Warmup && s.Score == 0 && s.ModelVersion == 0, $"{s}"));

        var state = await fixture.Silo.Http.GetFromJsonAsync<MachineState>(new Uri($"api/machines/{machine}", UriKind.Relative), EventJson.Options);
        Assert.Equal(alert.AlertId, state!.OpenAlert?.AlertId);
    }

    private sealed record MachineState(string MachineId, long EventsProcessed, Alert? OpenAlert);
}
