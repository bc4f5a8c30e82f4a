using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.Abstractions.Tests;

public sealed class EventValidatorTests
{
    private static readonly DateTimeOffset _ts = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static readonly MachineTelemetry _telemetry = new(
        "m-17", _ts, MachineTelemetry.KindTelemetry, new Dictionary<string, double> { ["temperature"] = 71.2, ["vibration"] = 0.031 });

    private static readonly CustomerEvent _customer = new(
        "c-42", _ts, "purchase", 19.9, new Dictionary<string, string> { ["contract"] = "month-to-month" });

    private static readonly SecurityEvent _security = new(
        "alice", _ts, "auth_failure", "203.0.113.9", "DE", "laptop-3", 1200, "crm", new Dictionary<string, double> { ["duration"] = 0 });

    public static TheoryData<string, IEntityEvent, string> Rejected => new()
    {
        // Ids.
        { "null id", _telemetry with { MachineId = null! }, "missing field machineId" },
        { "empty id", _customer with { CustomerId = "" }, "customerId is empty" },
        { "blank id", _security with { SubjectId = "   " }, "subjectId is empty" },
        { "long id", _telemetry with { MachineId = new string('m', 129) }, "machineId is 129 characters long; the limit is 128" },
        { "control in id", _customer with { CustomerId = "c-\u00074" }, "customerId contains a control character (U+0007) at position 2" },
        { "newline in id", _security with { SubjectId = "alice\n" }, "subjectId contains a control character (U+000A) at position 5" },

        // Timestamps.
        { "default ts", _telemetry with { Ts = default }, "missing field ts" },
        { "min ts", _customer with { Ts = DateTimeOffset.MinValue }, "missing field ts" },
        { "epoch ts", _security with { Ts = DateTimeOffset.UnixEpoch }, "ts 1970-01-01T00:00:00.0000000+00:00 is outside the years 2000..2100" },
        { "far ts", _telemetry with { Ts = new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero) }, "ts 2101-01-01T00:00:00.0000000+00:00 is outside the years 2000..2100" },
        { "max ts", _telemetry with { Ts = DateTimeOffset.MaxValue }, "ts 9999-12-31T23:59:59.9999999+00:00 is outside the years 2000..2100" },

        // Kinds and types.
        { "unknown kind", _telemetry with { Kind = "Telemetry" }, "kind 'Telemetry' is not one of: failure, maintenance, telemetry" },
        { "unknown customer type", _customer with { Type = "refund" }, "type 'refund' is not one of:" },
        { "missing customer type", _customer with { Type = null! }, "missing field type" },
        { "unknown security type", _security with { Type = "auth" }, "type 'auth' is not one of:" },
        { "long quoted value", _security with { Type = new string('x', 1000) }, "type 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not one of:" },

        // Numbers.
        { "NaN sensor", _telemetry with { Sensors = Sensors(("temperature", double.NaN)) }, "sensors.temperature is not a finite number (NaN)" },
        { "infinite sensor", _telemetry with { Sensors = Sensors(("vibration", double.NegativeInfinity)) }, "sensors.vibration is not a finite number (-Infinity)" },
        { "infinite feature", _security with { Features = Sensors(("duration", double.PositiveInfinity)) }, "features.duration is not a finite number (Infinity)" },
        { "NaN amount", _customer with { Amount = double.NaN }, "amount is not a finite number (NaN)" },
        { "sensor beyond a float", _telemetry with { Sensors = Sensors(("temperature", 1e39)) }, "sensors.temperature 1E+39 is beyond the range of a 32-bit number (±3.4E+38)" },
        { "feature beyond a float", _security with { Features = Sensors(("duration", -1e39)) }, "features.duration -1E+39 is beyond the range of a 32-bit number" },
        { "amount beyond a float", _customer with { Amount = 1e300 }, "amount 1E+300 is beyond the range of a 32-bit number" },
        { "negative amount", _customer with { Amount = -0.01 }, "amount -0.01 is negative" },
        { "negative bytes", _security with { Bytes = -1 }, "bytes -1 is negative" },

        // Sizes and names.
        { "too many sensors", _telemetry with { Sensors = ManySensors(257) }, "sensors has 257 entries; the limit is 256" },
        { "too many features", _security with { Features = ManySensors(300) }, "features has 300 entries; the limit is 256" },
        { "too many attributes", _customer with { Attributes = ManyAttributes(257) }, "attributes has 257 entries; the limit is 256" },
        { "long sensor name", _telemetry with { Sensors = Sensors((new string('s', 65), 1)) }, "sensors name 'ssssssssssssssssssssssssssssssssssssssss...' is 65 characters long; the limit is 64" },
        { "empty sensor name", _telemetry with { Sensors = Sensors(("", 1)) }, "sensors has an empty name" },
        // A newline in a name would let two feature sets join to the same text for their model's hash.
        { "newline in sensor name", _telemetry with { Sensors = Sensors(("temperature\nvibration", 1)) }, "sensors name contains a control character (U+000A) at position 11" },
        { "newline in feature name", _security with { Features = Sensors(("dur\nation", 1)) }, "features name contains a control character (U+000A) at position 3" },
        { "control in attribute name", _customer with { Attributes = new Dictionary<string, string> { ["con\ttract"] = "x" } }, "attributes name contains a control character (U+0009) at position 3" },
        { "long attribute value", _customer with { Attributes = new Dictionary<string, string> { ["contract"] = new string('x', 257) } }, "attributes.contract is 257 characters long; the limit is 256" },
        { "null attribute value", _customer with { Attributes = new Dictionary<string, string> { ["contract"] = null! } }, "attributes.contract is null" },
        { "missing sensors", _telemetry with { Sensors = null! }, "missing field sensors" },
        { "telemetry without sensors", _telemetry with { Sensors = Sensors() }, "sensors is missing or empty; a telemetry event needs at least one sensor" },

        // Security strings.
        { "bad ip", _security with { Ip = "203.0.113" + ".9.1" }, "ip '203.0.113.9.1' is not an IPv4 or IPv6 address" },
        { "host as ip", _security with { Ip = "example.org" }, "ip 'example.org' is not an IPv4 or IPv6 address" },
        { "long country", _security with { Country = new string('D', 257) }, "country is 257 characters long; the limit is 256" },
        { "control in device", _security with { Device = "laptop\u0000" }, "device contains a control character (U+0000) at position 6" },
        { "long resource", _security with { Resource = new string('r', 300) }, "resource is 300 characters long; the limit is 256" },
    };

    [Fact]
    public void The_architecture_examples_are_valid()
    {
        Assert.Null(EventValidator.Validate(_telemetry));
        Assert.Null(EventValidator.Validate(_customer));
        Assert.Null(EventValidator.Validate(_security));
    }

    [Fact]
    public void Optional_fields_may_be_absent_and_limits_are_inclusive()
    {
        Assert.Null(EventValidator.Validate(_customer with { Amount = null, Attributes = null }));
        Assert.Null(EventValidator.Validate(new SecurityEvent("bob", _ts, "connection", null, null, null, null, null, null)));
        Assert.Null(EventValidator.Validate(_security with { Ip = "2001:db8::1", Bytes = 0 }));
        Assert.Null(EventValidator.Validate(_customer with { Amount = 0, Attributes = ManyAttributes(256) }));
        Assert.Null(EventValidator.Validate(_telemetry with
        {
            MachineId = new string('m', 128),
            Ts = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Sensors = ManySensors(256),
        }));
        Assert.Null(EventValidator.Validate(_telemetry with { Ts = new DateTimeOffset(2100, 12, 31, 23, 59, 59, TimeSpan.Zero) }));
        Assert.Null(EventValidator.Validate(_telemetry with { Kind = MachineTelemetry.KindFailure, Sensors = Sensors() }));
        Assert.Null(EventValidator.Validate(_telemetry with { Sensors = Sensors((new string('s', 64), -3.5)) }));
    }

    [Fact]
    public void The_year_check_uses_utc()
    {
        // 2000-01-01T00:30+01:00 is 1999-12-31T23:30Z.
        var ts = new DateTimeOffset(2000, 1, 1, 0, 30, 0, TimeSpan.FromHours(1));
        Assert.StartsWith("ts ", EventValidator.Validate(_telemetry with { Ts = ts }), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Each_rule_rejects_with_a_reason_naming_the_field(string rule, IEntityEvent value, string expectedStart)
    {
        Assert.False(EventValidator.IsValid(value, out var reason), rule);
        Assert.StartsWith(expectedStart, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_typed_validators_agree_with_the_dispatcher()
    {
        var bad = _telemetry with { MachineId = "" };
        Assert.Equal(EventValidator.Validate(bad), MachineTelemetryValidator.Instance.Validate(bad));
        Assert.Null(ValidateWith(CustomerEventValidator.Instance, _customer));
        Assert.Null(ValidateWith(SecurityEventValidator.Instance, _security));
    }

    private static string? ValidateWith<TEvent>(IEventValidator<TEvent> validator, TEvent value)
        where TEvent : IEntityEvent => validator.Validate(value);

    private static Dictionary<string, double> Sensors(params (string Name, double Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static Dictionary<string, double> ManySensors(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"s{i}", i => (double)i, StringComparer.Ordinal);

    private static Dictionary<string, string> ManyAttributes(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"a{i}", i => $"v{i}", StringComparer.Ordinal);
}
