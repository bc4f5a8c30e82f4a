using System.Text;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Cli.Tests;

public sealed class ReplayCommandTests : IDisposable
{
    private const int Partitions = 4;
    private readonly EmbeddedKafkaBroker _broker;

    public ReplayCommandTests()
    {
        var options = new EmbeddedKafkaBrokerOptions { DefaultPartitions = Partitions };
        foreach (var topic in TopicNames.Inputs)
        {
            options.Topics.Add(new EmbeddedKafkaTopicOptions { Name = topic });
        }

        _broker = new EmbeddedKafkaBroker(options);
    }

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task A_csv_file_arrives_as_valid_telemetry_in_event_time_order_keyed_by_machine()
    {
        // Rows out of time order, two machines, one sensor missing in one row, and a text column that is no sensor.
        using var csv = new TempFile("plant.csv", """
            timestamp,machine,temperature,vibration,operator
            2026-03-01T10:00:02Z,press-1,71.5,0.031,ann
            2026-03-01T10:00:00Z,press-2,65.0,0.020,bob
            2026-03-01T10:00:01Z,press-1,71.0,,ann
            2026-03-01T10:00:00Z,press-1,70.5,0.030,ann
            2026-03-01T10:00:03Z,press-2,66.5,0.025,bob
            """);

        var run = await CliRun.RunAsync("replay", csv.Path, "--bootstrap", _broker.BootstrapServers, "--fast");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("replayed 5 events of 2 entities into machine-telemetry", run.Output, StringComparison.Ordinal);
        var events = ReadTelemetry();
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal(e.Key, e.Event.MachineId));
        Assert.Equal(
            ["10:00:00", "10:00:01", "10:00:02"],
            events.Where(e => e.Key == "press-1").Select(e => e.Event.Ts.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));
        var second = events.Single(e => e.Key == "press-1" && e.Event.Ts.Second == 1).Event;
        Assert.Equal(new Dictionary<string, double> { ["temperature"] = 71.0 }, second.Sensors);
        Assert.Equal(MachineTelemetry.KindTelemetry, second.Kind);
        var last = events.Single(e => e.Key == "press-2" && e.Event.Ts.Second == 3).Event;
        Assert.Equal(new Dictionary<string, double> { ["temperature"] = 66.5, ["vibration"] = 0.025 }, last.Sensors);
    }

    [Fact]
    public async Task Json_lines_replay_under_one_fixed_entity_with_nested_sensors_read_by_name()
    {
        using var jsonl = new TempFile("meter.jsonl", """
            {"ts":"2026-03-01T10:00:10Z","sensors":{"power":3.5,"voltage":229.0}}
            {"ts":1772359205,"sensors":{"power":3.1,"voltage":230.5}}

            {"ts":"2026-03-01T10:00:20+01:00","power":2.9,"voltage":231}
            """);

        var run = await CliRun.RunAsync("replay", jsonl.Path, "--entity", "meter-7", "--bootstrap", _broker.BootstrapServers, "--rate", "500");

        Assert.True(run.ExitCode == 0, run.ToString());
        var events = ReadTelemetry();
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal("meter-7", e.Key));
        // Unix seconds and an offset are both event times: 09:00:20Z, 10:00:05Z, 10:00:10Z.
        Assert.Equal(
            [new DateTimeOffset(2026, 3, 1, 9, 0, 20, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 10, 0, 5, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 10, 0, 10, TimeSpan.Zero)],
            events.Select(e => e.Event.Ts));
        Assert.Equal(new Dictionary<string, double> { ["power"] = 2.9, ["voltage"] = 231 }, events[0].Event.Sensors);
    }

    [Fact]
    public async Task Rows_that_cannot_be_mapped_are_reported_by_line_and_the_rest_are_replayed()
    {
        using var csv = new TempFile("broken.csv", """
            ts,id,load
            2026-03-01T10:00:00Z,m-1,0.5
            yesterday,m-1,0.6
            2026-03-01T10:00:02Z,,0.7
            2026-03-01T10:00:03Z,m-2,0.8,extra
            "2026-03-01T10:00:04Z",m-2,"0.9"
            2026-03-01T10:00:05Z,m-2,
            """);

        var run = await CliRun.RunAsync("replay", csv.Path, "--bootstrap", _broker.BootstrapServers, "--fast");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning: 4 of 6 rows skipped:", run.ErrorLines);
        Assert.Contains("broken.csv line 3: column 'ts' is not a timestamp ('yesterday')", run.ErrorLines);
        Assert.Contains("broken.csv line 4: column 'id' is empty", run.ErrorLines);
        Assert.Contains("broken.csv line 5: has 4 cells; the header has 3", run.ErrorLines);
        Assert.Contains("broken.csv line 7: has no value in any of load", run.ErrorLines);
        Assert.Equal([("m-1", 0.5), ("m-2", 0.9)], ReadTelemetry().Select(e => (e.Key, e.Event.Sensors["load"])).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_file_where_no_row_maps_fails_with_one_line_and_produces_nothing()
    {
        using var csv = new TempFile("none.csv", "ts,id,load\nsoon,m-1,1\nlater,m-1,2\n");

        var run = await CliRun.RunAsync("replay", csv.Path, "--bootstrap", _broker.BootstrapServers, "--fast");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: none.csv: none of the 2 rows could be mapped (line 2: column 'ts' is not a timestamp ('soon'))", run.ErrorLines[^1]);
        Assert.Empty(ReadTelemetry());
    }

    [Fact]
    public async Task Security_events_take_features_from_numeric_columns_and_a_fixed_type()
    {
        using var csv = new TempFile("auth.csv", "time;user;ip;duration;failures\n2026-03-01 10:00:00;alice;203.0.113.9;1.5;0\n2026-03-01 10:00:01;bob;198.51.100.4;0.2;3\n");

        var run = await CliRun.RunAsync(
            "replay", csv.Path, "--topic", TopicNames.SecurityEvents, "--type", "auth_failure", "--bootstrap", _broker.BootstrapServers, "--fast");

        Assert.True(run.ExitCode == 0, run.ToString());
        var events = TopicReader.ReadAll(_broker.BootstrapServers, TopicNames.SecurityEvents, Partitions)
            .Select(r => Assert.IsType<SecurityEvent>(Parse(TopicNames.SecurityEvents, r.Message.Value)))
            .OrderBy(e => e.SubjectId, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["alice", "bob"], events.Select(e => e.SubjectId));
        Assert.All(events, e => Assert.Equal("auth_failure", e.Type));
        Assert.Equal("198.51.100.4", events[1].Ip);
        Assert.Equal(new Dictionary<string, double> { ["duration"] = 0.2, ["failures"] = 3 }, events[1].Features);
    }

    [Fact]
    public async Task A_missing_file_is_one_error_line_and_exit_code_1()
    {
        var run = await CliRun.RunAsync("replay", "/nonexistent/readings.csv", "--bootstrap", _broker.BootstrapServers);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["error: readings.csv: file not found (/nonexistent/readings.csv)"], run.ErrorLines);
    }

    [Fact]
    public async Task A_file_without_an_entity_column_names_the_options_that_fix_it()
    {
        using var csv = new TempFile("anon.csv", "ts,load\n2026-03-01T10:00:00Z,1\n");

        var run = await CliRun.RunAsync("replay", csv.Path, "--bootstrap", _broker.BootstrapServers);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: anon.csv: no entity id column", line, StringComparison.Ordinal);
        Assert.Contains("--entity", line, StringComparison.Ordinal);
    }

    private List<(string Key, MachineTelemetry Event)> ReadTelemetry() =>
    [
        .. TopicReader.ReadAll(_broker.BootstrapServers, TopicNames.MachineTelemetry, Partitions)
            .OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value)
            .Select(r => (r.Message.Key, Assert.IsType<MachineTelemetry>(Parse(TopicNames.MachineTelemetry, r.Message.Value)))),
    ];

    private static IEntityEvent Parse(string topic, byte[] value)
    {
        Assert.True(EventJson.TryDeserialize(topic, value, out var parsed, out var reason), $"{reason}: {Encoding.UTF8.GetString(value)}");
        return parsed;
    }
}
