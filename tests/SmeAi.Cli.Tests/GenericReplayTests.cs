using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using SmeAi.Evaluation.Datasets;
using SmeAi.Testing;
using Xunit.Abstractions;

namespace SmeAi.Cli.Tests;

/// <summary>
/// The generic path for any metric stream (issue 8): a CSV with a timestamp, an entity column and numeric columns,
/// replayed with <c>smeai replay</c> into a silo that has no model, comes back from <c>smeai scores export</c> with a
/// score for every row. The data is a slice of C-MAPSS FD001 (three engines), written to a temporary file.
/// </summary>
public sealed class GenericReplayTests(ITestOutputHelper log) : IAsyncLifetime
{
    /// <summary>Rows up to this cycle are the warm-up part: 3 engines x 130 cycles leave the trainer at least 300 samples.</summary>
    private const int WarmupCycles = 130;

    /// <summary>A machine that is not in the data: its rows show when the silo scores with the model (<see cref="WaitUntilScoredByModelAsync"/>).</summary>
    private const int ProbeEngine = 999;

    private static readonly int[] _engines = [1, 2, 3];
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        // No demo feed: the only events are the replayed rows, and no model exists before them.
        _silo = SiloProcess.Start(new Dictionary<string, string> { ["Simulator:Embedded:Enabled"] = "false" });
        await _silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_metric_csv_gets_a_score_for_every_row_with_warmup_rows_marked_and_later_rows_scored_by_a_trained_model()
    {
        var cycles = CmapssFd001.Load(RepositoryPaths.Datasets).Cycles.Where(c => _engines.Contains(c.Engine)).ToList();
        var warmupRows = cycles.Count(c => c.Cycle <= WarmupCycles);
        using var warmup = new TempFile("warmup.csv", Csv(cycles.Where(c => c.Cycle <= WarmupCycles)));
        File.WriteAllText(warmup.Sibling("rest.csv"), Csv(cycles.Where(c => c.Cycle > WarmupCycles)));
        var url = _silo.HttpBase.AbsoluteUri.TrimEnd('/');

        await ReplayAsync(url, warmup.Path);
        // The first model comes from the first data: the trainer starts once 300 samples arrived; training takes wall-clock time.
        var model = await WaitForFirstModelAsync(TimeSpan.FromMinutes(3));
        await WaitUntilScoredByModelAsync(url, warmup.Sibling("probe.csv"), cycles[0], TimeSpan.FromMinutes(2));
        await ReplayAsync(url, warmup.Sibling("rest.csv"));
        var rows = await ExportUntilAsync(url, warmup.Sibling("scores.csv"), cycles.Count, TimeSpan.FromMinutes(2));

        Assert.Equal(cycles.Count, rows.Count);
        Assert.Equal(
            cycles.Select(c => (Machine(c.Engine), CycleTime(c.Cycle))).Order(),
            rows.Select(r => (r.Entity, r.Ts)).Order());
        Assert.All(rows.Where(r => r.Warmup), r => Assert.Equal((0.0, 0), (r.Score, r.ModelVersion)));
        Assert.All(rows.Where(r => !r.Warmup), r => Assert.True(r.ModelVersion >= 1 && r.Score is >= 0 and <= 1, r.ToString()));
        // Before the trainer had 300 samples nothing could have a model score.
        Assert.All(rows.Where(r => r.Ts <= CycleTime(90)), r => Assert.True(r.Warmup, r.ToString()));
        var rest = rows.Where(r => r.Ts > CycleTime(WarmupCycles)).ToList();
        Assert.All(rest, r => Assert.True(!r.Warmup && r.Model == model, r.ToString()));
        var modelScored = rows.Count(r => !r.Warmup);
        log.WriteLine($"{rows.Count} rows: {modelScored} scored by a model ({100.0 * modelScored / rows.Count:F1} %), {rows.Count - modelScored} warm-up; warm-up part {warmupRows} rows");
    }

    private static string Machine(int engine) => $"fd001-{engine.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>One cycle is one hour of event time, from a fixed epoch.</summary>
    private static DateTimeOffset CycleTime(int cycle) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(cycle);

    private static string Csv(IEnumerable<CmapssCycle> cycles) =>
        Csv(cycles.OrderBy(c => c.Cycle).ThenBy(c => c.Engine).Select(c => (Machine(c.Engine), CycleTime(c.Cycle), c)));

    private static string Csv(IEnumerable<(string Entity, DateTimeOffset Ts, CmapssCycle Values)> rows)
    {
        var csv = new StringBuilder("ts,engine," + string.Join(',', CmapssFd001.InformativeSensors.Select(CmapssFd001.SensorName))).Append('\n');
        foreach (var (entity, ts, values) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{ts:yyyy-MM-ddTHH:mm:ssZ},{entity}");
            foreach (var sensor in CmapssFd001.InformativeSensors)
            {
                csv.Append(CultureInfo.InvariantCulture, $",{values.Sensors[sensor - 1]}");
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    private static async Task ReplayAsync(string url, string file)
    {
        var run = await CliRun.RunAsync("replay", file, "--url", url, "--ts-column", "ts", "--entity-column", "engine", "--fast", "--no-progress");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private async Task<string> WaitForFirstModelAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var models = await _silo.Http.GetFromJsonAsync<List<ModelListing>>(new Uri("api/models", UriKind.Relative), deadline.Token);
            if (models?.FirstOrDefault(m => m.Name.StartsWith("equipment-anomaly-", StringComparison.Ordinal) && m.CurrentVersion >= 1) is { } model)
            {
                return model.Name;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
        }
    }

    /// <summary>
    /// The silo's model cache hears of a new version from the model grain, a moment after the API lists it. Replays one
    /// row of the probe machine at a time (seconds after the last warm-up row, so the trainer's event time barely moves) until the
    /// silo scores one with a model version: from then on every row is scored by the model.
    /// </summary>
    private async Task WaitUntilScoredByModelAsync(string url, string file, CmapssCycle values, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var probe = Machine(ProbeEngine);
        for (var sent = 1; ; sent++)
        {
            File.WriteAllText(file, Csv([(probe, CycleTime(WarmupCycles).AddSeconds(sent), values)]));
            await ReplayAsync(url, file);
            MachineState? state;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
                state = await ReadMachineAsync(probe, deadline.Token);
            }
            while (state is null || state.EventsProcessed < sent);

            if (state.ModelVersion >= 1)
            {
                log.WriteLine($"probe row {sent} was the first scored by model version {state.ModelVersion}");
                return;
            }
        }
    }

    /// <summary>A machine's state, or null before its first event.</summary>
    private async Task<MachineState?> ReadMachineAsync(string machineId, CancellationToken cancellationToken)
    {
        using var response = await _silo.Http.GetAsync(new Uri($"api/machines/{machineId}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<MachineState>(cancellationToken) : null;
    }

    /// <summary>Exports until every replayed row has come back (the grains may still be working through the topic); the probe's rows are left out.</summary>
    private static async Task<List<ExportedScore>> ExportUntilAsync(string url, string file, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await CliRun.RunAsync("scores", "export", "--url", url, "--domain", "equipment", "--to-end", "--output", file);
            Assert.True(run.ExitCode == 0, run.ToString());
            var rows = File.ReadLines(file).Skip(1).Select(ExportedScore.Parse).Where(r => r.Entity != Machine(ProbeEngine)).ToList();
            if (rows.Count >= expected || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private sealed record ModelListing(string Name, int CurrentVersion);

    private sealed record MachineState(long EventsProcessed, int ModelVersion);

    private sealed record ExportedScore(string Entity, DateTimeOffset Ts, double Score, int ModelVersion, bool Warmup, string Model)
    {
        public static ExportedScore Parse(string line)
        {
            // entity,ts,score,model_version,warmup,domain,model,band,failure_risk,failure_model_version (no field here needs quoting)
            var f = line.Split(',');
            return new ExportedScore(
                f[0],
                DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                int.Parse(f[3], CultureInfo.InvariantCulture),
                bool.Parse(f[4]),
                f[6]);
        }
    }
}
