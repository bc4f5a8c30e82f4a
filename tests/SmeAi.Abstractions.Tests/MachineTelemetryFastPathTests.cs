using System.Text;
using System.Text.Json;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.Abstractions.Tests;

/// <summary>
/// Machine readings are read by a fast path that must accept exactly what the serializer accepts, with the same
/// values, and give the shared-name form the silo keeps in its stream cache.
/// </summary>
public sealed class MachineTelemetryFastPathTests
{
    [Theory]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","kind":"telemetry","sensors":{"b":2.5,"a":-1e-3,"c":0}}""")]
    [InlineData("""{"sensors":{"t":71},"kind":"failure","ts":"2026-12-04T10:00:00.123+02:00","machineId":"m-2","extra":{"x":[1,2,{"y":null}]}}""")]
    [InlineData("""{"machineId":"m-3","ts":"2026-12-04T10:00:00Z","sensors":{"t":1}}""")]
    [InlineData("""{"machineId":"m-4","ts":"2026-12-04T10:00:00Z","kind":null,"sensors":{"t":1}}""")]
    [InlineData("""{"MachineId":"m-5","TS":"2026-12-04T10:00:00Z","Kind":"maintenance","Sensors":{}}""")]
    [InlineData("""{"machine\u0049d":"m-6","ts":"2026-12-04T10:00:00Z","sensors":{"t\u00e9":1,"\u0074":2}}""")]
    [InlineData("""{"machineId":"m-7","ts":"2026-12-04T10:00:00Z","kind":"maintenance"}""")]
    [InlineData("""{"machineId":"m-8","ts":"2026-12-04T10:00:00Z","sensors":{"température":1.5e2,"t":12345678901234567890}}""")]
    [InlineData("  {\"machineId\":\"m-9\",\"ts\":\"2026-12-04T10:00:00Z\",\"sensors\":{\"t\":3}}\n")]
    public void Readings_read_as_the_serializer_reads_them(string json)
    {
        var expected = JsonSerializer.Deserialize<MachineTelemetry>(json, EventJson.Options)!;

        Assert.True(EventJson.TryDeserialize<MachineTelemetry>(Encoding.UTF8.GetBytes(json), out var reading, out var reason), reason);

        Assert.Equal(expected.MachineId, reading.MachineId);
        Assert.Equal(expected.Ts, reading.Ts);
        Assert.Equal(expected.Ts.Offset, reading.Ts.Offset);
        Assert.Equal(expected.Kind, reading.Kind);
        Assert.Equal(expected.Sensors.OrderBy(s => s.Key, StringComparer.Ordinal), reading.Sensors.OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Usual_readings_share_their_sensor_names_and_keep_them_sorted()
    {
        var first = Read("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","kind":"telemetry","sensors":{"vibration":0.5,"temperature":70}}""");
        var second = Read("""{"machineId":"m-2","ts":"2026-12-04T10:00:01Z","kind":"telemetry","sensors":{"temperature":71,"vibration":0.25}}""");

        var firstSensors = Assert.IsType<SensorDictionary>(first.Sensors);
        var secondSensors = Assert.IsType<SensorDictionary>(second.Sensors);
        Assert.Equal(["temperature", "vibration"], firstSensors.SortedNames.ToArray());
        Assert.Equal([70, 0.5], firstSensors.Values.ToArray());
        Assert.Equal([71, 0.25], secondSensors.Values.ToArray());
        Assert.Same(firstSensors.SortedNames[0], secondSensors.SortedNames[0]);
        Assert.Same(firstSensors.SortedNames[1], secondSensors.SortedNames[1]);
        Assert.Same(first.Kind, MachineTelemetry.KindTelemetry);
        Assert.Equal(0.5, first.Sensors["vibration"]);
        Assert.False(first.Sensors.ContainsKey("pressure"));
    }

    [Theory]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":1e400}}""", "sensors.t is not a finite number")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":1},"ts":"2026-12-04T10:00:00Z"}""", "invalid JSON")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":1},"Ts":"2026-12-04T10:00:00Z"}""", "invalid JSON")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":1}} // note""", "invalid JSON")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","kind":"repair","sensors":{"t":1}}""", "kind 'repair' is not one of")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{" ":1}}""", "sensors has an empty name")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"a\nb":1}}""", "sensors name contains a control character (U+000A)")]
    public void Unusual_readings_get_the_serializers_reason(string json, string reasonStart)
    {
        Assert.False(EventJson.TryDeserialize<MachineTelemetry>(Encoding.UTF8.GetBytes(json), out _, out var reason));
        Assert.StartsWith(reasonStart, reason, StringComparison.Ordinal);
    }

    private static MachineTelemetry Read(string json)
    {
        Assert.True(EventJson.TryDeserialize<MachineTelemetry>(Encoding.UTF8.GetBytes(json), out var reading, out var reason), reason);
        return reading;
    }
}
