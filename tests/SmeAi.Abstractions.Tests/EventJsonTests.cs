using System.Text;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.Abstractions.Tests;

public sealed class EventJsonTests
{
    // The examples of ARCHITECTURE.md, "Contracts" (the customer example's "..." filled in).
    private const string ArchitectureTelemetry =
        """{"machineId":"m-17","ts":"2026-12-04T10:00:00Z","kind":"telemetry","sensors":{"temperature":71.2,"vibration":0.031}}""";

    private const string ArchitectureCustomer =
        """{"customerId":"c-42","ts":"2026-12-04T10:00:00Z","type":"purchase","amount":19.9,"attributes":{"contract":"month-to-month"}}""";

    private const string ArchitectureSecurity =
        """{"subjectId":"alice","ts":"2026-12-04T10:00:00Z","type":"auth_failure","ip":"203.0.113.9","country":"DE","device":"laptop-3","bytes":1200,"resource":"crm","features":{"duration":0}}""";

    [Fact]
    public void The_architecture_examples_read_with_every_field()
    {
        Assert.True(EventJson.TryDeserialize<MachineTelemetry>(Utf8(ArchitectureTelemetry), out var telemetry, out var reason), reason);
        Assert.Equal("m-17", telemetry.MachineId);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero), telemetry.Ts);
        Assert.Equal(MachineTelemetry.KindTelemetry, telemetry.Kind);
        Assert.Equal(71.2, telemetry.Sensors["temperature"]);
        Assert.Equal(0.031, telemetry.Sensors["vibration"]);

        Assert.True(EventJson.TryDeserialize<CustomerEvent>(Utf8(ArchitectureCustomer), out var customer, out reason), reason);
        Assert.Equal("c-42", customer.CustomerId);
        Assert.Equal("purchase", customer.Type);
        Assert.Equal(19.9, customer.Amount);
        Assert.Equal("month-to-month", customer.Attributes!["contract"]);

        Assert.True(EventJson.TryDeserialize<SecurityEvent>(Utf8(ArchitectureSecurity), out var security, out reason), reason);
        Assert.Equal("alice", security.SubjectId);
        Assert.Equal("auth_failure", security.Type);
        Assert.Equal("203.0.113.9", security.Ip);
        Assert.Equal("DE", security.Country);
        Assert.Equal("laptop-3", security.Device);
        Assert.Equal(1200, security.Bytes);
        Assert.Equal("crm", security.Resource);
        Assert.Equal(0, security.Features!["duration"]);
    }

    [Theory]
    [InlineData(TopicNames.MachineTelemetry, ArchitectureTelemetry, typeof(MachineTelemetry))]
    [InlineData(TopicNames.CustomerEvents, ArchitectureCustomer, typeof(CustomerEvent))]
    [InlineData(TopicNames.SecurityEvents, ArchitectureSecurity, typeof(SecurityEvent))]
    public void Reading_by_topic_gives_the_topics_event_type(string topic, string json, Type expected)
    {
        Assert.True(EventJson.TryDeserialize(topic, Utf8(json), out var value, out var reason), reason);
        Assert.IsType(expected, value);
    }

    [Fact]
    public void An_unknown_topic_is_rejected_by_name()
    {
        Assert.False(EventJson.TryDeserialize("orders", Utf8(ArchitectureTelemetry), out _, out var reason));
        Assert.Contains("orders", reason);
    }

    [Fact]
    public void A_machine_event_without_kind_is_telemetry()
    {
        var json = """{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"temperature":70}}""";
        Assert.True(EventJson.TryDeserialize<MachineTelemetry>(Utf8(json), out var value, out var reason), reason);
        Assert.Equal(MachineTelemetry.KindTelemetry, value.Kind);

        var withNull = """{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","kind":null,"sensors":{"temperature":70}}""";
        Assert.True(EventJson.TryDeserialize<MachineTelemetry>(Utf8(withNull), out value, out reason), reason);
        Assert.Equal(MachineTelemetry.KindTelemetry, value.Kind);
    }

    [Fact]
    public void The_telemetry_default_also_holds_for_plain_deserialisation_with_the_shared_options()
    {
        var json = """{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"temperature":70}}""";
        var value = System.Text.Json.JsonSerializer.Deserialize<MachineTelemetry>(json, EventJson.Options);
        Assert.Equal(MachineTelemetry.KindTelemetry, value!.Kind);
    }

    [Theory]
    [InlineData(MachineTelemetry.KindFailure)]
    [InlineData(MachineTelemetry.KindMaintenance)]
    public void Failure_and_maintenance_events_need_no_sensors(string kind)
    {
        var json = $$"""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","kind":"{{kind}}"}""";
        Assert.True(EventJson.TryDeserialize<MachineTelemetry>(Utf8(json), out var value, out var reason), reason);
        Assert.Equal(kind, value.Kind);
        Assert.Empty(value.Sensors);
    }

    [Fact]
    public void A_number_too_large_for_a_double_is_rejected_as_not_finite()
    {
        var json = """{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"temperature":1e400}}""";
        Assert.False(EventJson.TryDeserialize<MachineTelemetry>(Utf8(json), out _, out var reason));
        Assert.Equal("sensors.temperature is not a finite number (Infinity)", reason);

        var amount = """{"customerId":"c-1","ts":"2026-12-04T10:00:00Z","type":"purchase","amount":-1e400}""";
        Assert.False(EventJson.TryDeserialize<CustomerEvent>(Utf8(amount), out _, out reason));
        Assert.StartsWith("amount is not a finite number", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finite_number_too_large_for_a_feature_is_rejected_with_the_range()
    {
        // The fast path reads it as a finite double; as a 32-bit feature it would be infinity.
        var json = """{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"temperature":1e39}}""";
        Assert.False(EventJson.TryDeserialize<MachineTelemetry>(Utf8(json), out _, out var reason));
        Assert.Equal("sensors.temperature 1E+39 is beyond the range of a 32-bit number (±3.4E+38)", reason);
    }

    [Theory]
    [InlineData("", "invalid JSON")]
    [InlineData("{", "invalid JSON")]
    [InlineData("not json", "invalid JSON")]
    [InlineData("null", "invalid JSON")]
    [InlineData("[1,2]", "invalid JSON")]
    [InlineData("""{"machineId":"m-1","ts":"yesterday","sensors":{"t":1}}""", "invalid JSON at $.ts")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":NaN}}""", "invalid JSON at $.sensors.t")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":"71.2"}}""", "invalid JSON at $.sensors.t")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":1}} trailing""", "invalid JSON")]
    [InlineData("""{"machineId":"m-1","machineId":"m-2","ts":"2026-12-04T10:00:00Z","sensors":{"t":1}}""", "invalid JSON")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":1,"t":2}}""", "invalid JSON")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":{"t":1},"x":[[[[[[[[[[1]]]]]]]]]]}""", "invalid JSON")]
    [InlineData("""{"machineId":42,"ts":"2026-12-04T10:00:00Z","sensors":{"t":1}}""", "invalid JSON at $.machineId")]
    public void Malformed_json_is_rejected_without_throwing(string json, string expectedStart)
    {
        Assert.False(EventJson.TryDeserialize<MachineTelemetry>(Utf8(json), out var value, out var reason));
        Assert.Null(value);
        Assert.StartsWith(expectedStart, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_without_throwing()
    {
        byte[] json = [.. Utf8("{\"machineId\":\"m"), 0xC3, 0x28, .. Utf8("\",\"ts\":\"2026-12-04T10:00:00Z\",\"sensors\":{\"t\":1}}")];
        Assert.False(EventJson.TryDeserialize<MachineTelemetry>(json, out _, out var reason));
        Assert.StartsWith("invalid JSON", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_with_a_fraction_are_rejected_at_the_field()
    {
        var json = """{"subjectId":"alice","ts":"2026-12-04T10:00:00Z","type":"connection","bytes":1.5}""";
        Assert.False(EventJson.TryDeserialize<SecurityEvent>(Utf8(json), out _, out var reason));
        Assert.StartsWith("invalid JSON at $.bytes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_message_is_rejected_before_parsing()
    {
        var json = new byte[EventLimits.MaxMessageBytes + 1];
        Assert.False(EventJson.TryDeserialize<MachineTelemetry>(json, out _, out var reason));
        Assert.Contains("bytes; the limit is", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ts":"2026-12-04T10:00:00Z","sensors":{"t":1}}""", "missing field machineId")]
    [InlineData("""{"machineId":"m-1","sensors":{"t":1}}""", "missing field ts")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z"}""", "sensors is missing or empty")]
    [InlineData("""{"machineId":"m-1","ts":"2026-12-04T10:00:00Z","sensors":null}""", "missing field sensors")]
    [InlineData("""{"machineId":null,"ts":"2026-12-04T10:00:00Z","sensors":{"t":1}}""", "missing field machineId")]
    public void Missing_required_fields_are_named(string json, string expectedStart)
    {
        Assert.False(EventJson.TryDeserialize<MachineTelemetry>(Utf8(json), out _, out var reason));
        Assert.StartsWith(expectedStart, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialised_events_read_back_equal_and_leave_out_absent_fields()
    {
        var ts = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
        var security = new SecurityEvent("alice", ts, "connection", "203.0.113.9", null, null, 10, "crm", null);
        var json = EventJson.SerializeToUtf8Bytes(security);
        var text = Encoding.UTF8.GetString(json);

        Assert.DoesNotContain("country", text, StringComparison.Ordinal);
        Assert.Contains("\"subjectId\":\"alice\"", text, StringComparison.Ordinal);
        Assert.True(EventJson.TryDeserialize<SecurityEvent>(json, out var back, out var reason), reason);
        Assert.Equal(security, back);

        var telemetry = new MachineTelemetry("m-1", ts, MachineTelemetry.KindTelemetry, new Dictionary<string, double> { ["t"] = 1.5 });
        Assert.True(EventJson.TryDeserialize<MachineTelemetry>(EventJson.SerializeToUtf8Bytes(telemetry), out var telemetryBack, out reason), reason);
        Assert.Equal(telemetry.Sensors, telemetryBack.Sensors);
        Assert.Equal(telemetry with { Sensors = telemetryBack.Sensors }, telemetryBack);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
