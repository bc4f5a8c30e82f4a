using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Silo.Kafka;
using SmeAi.Silo.Privacy;

namespace SmeAi.Silo.Tests;

/// <summary>Machine readings as ingestion keeps them in the stream cache: the same readings, with names shared between them.</summary>
public sealed class CompactTelemetryTests
{
    private readonly ContractEventDataAdapter _adapter = new(new Pseudonymiser(Options.Create(new PseudonymisationOptions())));

    [Fact]
    public void Decoded_readings_keep_their_values_and_share_their_sensor_names_and_kind()
    {
        var first = Decode("m-1", """{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","kind":"telemetry","sensors":{"temperature":70.5,"vibration":0.25}}""");
        var second = Decode("m-2", """{"machineId":"m-2","ts":"2026-12-04T10:00:01Z","kind":"telemetry","sensors":{"vibration":0.5,"temperature":71}}""");

        Assert.Equal(new Dictionary<string, double> { ["temperature"] = 70.5, ["vibration"] = 0.25 }, first.Sensors);
        Assert.Equal(new Dictionary<string, double> { ["temperature"] = 71, ["vibration"] = 0.5 }, second.Sensors);
        Assert.Equal(("m-1", MachineTelemetry.KindTelemetry), (first.MachineId, first.Kind));
        Assert.Same(first.Kind, second.Kind);
        foreach (var name in first.Sensors.Keys)
        {
            Assert.Same(name, second.Sensors.Keys.Single(n => n == name));
        }
    }

    private MachineTelemetry Decode(string key, string json)
    {
        var decoded = _adapter.Decode(new ConsumeResult<byte[], byte[]>
        {
            Topic = TopicNames.MachineTelemetry,
            Message = new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = Encoding.UTF8.GetBytes(json) },
        });
        Assert.False(decoded.IsRejected, decoded.RejectionReason);
        return Assert.IsType<MachineTelemetry>(decoded.Payload);
    }
}
