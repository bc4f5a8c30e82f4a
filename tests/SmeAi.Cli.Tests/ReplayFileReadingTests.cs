using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Cli.Replay;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli.Tests;

/// <summary>Reading and mapping replay files, without Kafka.</summary>
public sealed class ReplayFileReadingTests
{
    [Fact]
    public void Quoted_csv_fields_keep_delimiters_quotes_and_line_breaks_and_rows_keep_their_file_line()
    {
        var table = CsvReader.Read("q.csv", new StringReader("ts,id,note\r\n2026-01-01T00:00:00Z,\"a,b\",\"say \"\"hi\"\"\nthere\"\r\n2026-01-01T00:00:01Z,c,plain\r\n"), delimiter: null);

        Assert.Equal(["ts", "id", "note"], table.Columns);
        Assert.Equal([2, 4], table.Rows.Select(r => r.Line));
        Assert.Equal("a,b", table.Rows[0].Cells["id"]);
        Assert.Equal("say \"hi\"\nthere", table.Rows[0].Cells["note"]);
    }

    [Fact]
    public void The_delimiter_is_taken_from_the_header()
    {
        var table = CsvReader.Read("t.tsv", new StringReader("ts\tid\tload\n2026-01-01T00:00:00Z\tm-1\t0.5\n"), delimiter: null);

        Assert.Equal("0.5", Assert.Single(table.Rows).Cells["load"]);
    }

    [Fact]
    public void A_custom_time_format_and_an_explicit_value_column_list_are_honoured()
    {
        var table = CsvReader.Read("f.csv", new StringReader("when,unit,rpm,torque,wear\n01.03.2026 10:15,u1,1500,40.5,3\n"), delimiter: null);
        var settings = new ReplaySettings(TopicNames.MachineTelemetry, TimestampColumn: "when", TimestampFormat: "dd.MM.yyyy HH:mm", ValueColumns: ["rpm", "torque"]);

        var plan = ReplayPlan.Create(table, settings);

        var telemetry = Assert.IsType<MachineTelemetry>(Assert.Single(plan.Events));
        Assert.Equal("u1", telemetry.MachineId);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero), telemetry.Ts);
        Assert.Equal(new Dictionary<string, double> { ["rpm"] = 1500, ["torque"] = 40.5 }, telemetry.Sensors);
    }

    [Fact]
    public void A_named_column_that_does_not_exist_is_one_clear_error()
    {
        var table = CsvReader.Read("f.csv", new StringReader("ts,id,load\n2026-01-01T00:00:00Z,m-1,1\n"), delimiter: null);

        var error = Assert.Throws<CliException>(() => ReplayPlan.Create(table, new ReplaySettings(TopicNames.MachineTelemetry, ValueColumns: ["lod"])));

        Assert.Equal("f.csv: no column 'lod' (columns: ts, id, load)", error.Message);
    }

    [Fact]
    public void Customer_rows_need_a_type_and_carry_other_columns_as_attributes()
    {
        var table = CsvReader.Read("c.csv", new StringReader("ts,customerId,type,amount,contract\n2026-01-01T00:00:00Z,c-1,purchase,19.9,monthly\n2026-01-01T00:00:01Z,c-2,teleport,1,monthly\n"), delimiter: null);

        var plan = ReplayPlan.Create(table, new ReplaySettings(TopicNames.CustomerEvents));

        var purchase = Assert.IsType<CustomerEvent>(Assert.Single(plan.Events));
        Assert.Equal(19.9, purchase.Amount);
        Assert.Equal("monthly", purchase.Attributes!["contract"]);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("type 'teleport' is not one of:", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_and_maintenance_rows_without_sensor_values_are_replayed_and_a_reading_without_one_is_not()
    {
        var table = CsvReader.Read("m.csv", new StringReader(
            "ts,machineId,kind,temperature,vibration\n2026-01-01T00:00:00Z,m-1,failure,,\n2026-01-01T00:00:01Z,m-1,maintenance,,\n2026-01-01T00:00:02Z,m-1,telemetry,,\n2026-01-01T00:00:03Z,m-1,telemetry,70.5,0.03\n"),
            delimiter: null);

        var plan = ReplayPlan.Create(table, new ReplaySettings(TopicNames.MachineTelemetry));

        Assert.Equal(
            [MachineTelemetry.KindFailure, MachineTelemetry.KindMaintenance, MachineTelemetry.KindTelemetry],
            plan.Events.Cast<MachineTelemetry>().Select(e => e.Kind));
        Assert.Empty(((MachineTelemetry)plan.Events[0]).Sensors);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Equal("has no value in any of temperature, vibration", problem.Reason);
    }

    [Fact]
    public void A_json_lines_failure_without_sensors_is_replayed()
    {
        var table = JsonLinesReader.Read("m.jsonl", new StringReader(
            "{\"machineId\":\"m-1\",\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"telemetry\",\"sensors\":{\"temperature\":70.5}}\n{\"machineId\":\"m-1\",\"ts\":\"2026-01-01T00:01:00Z\",\"kind\":\"failure\"}\n"));

        var plan = ReplayPlan.Create(table, new ReplaySettings(TopicNames.MachineTelemetry));

        Assert.Empty(plan.Problems);
        Assert.Equal(MachineTelemetry.KindFailure, plan.Events.Cast<MachineTelemetry>().Last().Kind);
    }

    [Fact]
    public void The_progress_bar_shows_the_share_done()
    {
        Assert.Equal("[###############---------------]  50%  5/10 events  12/s", ProgressBar.Render(5, 10, 12.4));
    }
}
