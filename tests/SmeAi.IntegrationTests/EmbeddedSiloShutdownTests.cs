using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// Stopping an embedded silo that is busy (demo feed, entities, trainers, models) is a normal operator action and must
/// read like one: every grain's last write and the trainers' deactivation happen without a single error line.
/// </summary>
public sealed partial class EmbeddedSiloShutdownTests
{
    [Fact]
    public async Task A_busy_embedded_silo_stops_on_SIGTERM_with_exit_code_0_and_no_error_line()
    {
        await using var silo = await SiloProcess.StartHealthyAsync(new Dictionary<string, string>(), TimeSpan.FromSeconds(90));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        long processed = 0;
        var modelsTrained = 0;
        while ((processed < 5_000 || modelsTrained == 0) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(500, CancellationToken.None);
            processed = (await silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative)))!.EventsProcessed;
            var models = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("api/models", UriKind.Relative));
            modelsTrained = models.EnumerateArray().Count(m => m.GetProperty("currentVersion").GetInt32() > 0);
        }

        Assert.True(processed >= 5_000 && modelsTrained > 0, $"the demo feed did not get going: {processed} events, {modelsTrained} models");
        var linesBeforeStop = silo.Output.Split(Environment.NewLine).Length;

        silo.Terminate();
        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromMinutes(1));

        var stopLines = silo.Output.Split(Environment.NewLine).Skip(linesBeforeStop - 1).ToList();
        var errors = stopLines.Where(line => ErrorLine().IsMatch(line)).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} error lines while stopping, the first: {string.Join(Environment.NewLine, errors.Take(3))}");
        Assert.Equal(0, exitCode);
        Assert.Contains(stopLines, line => line.Contains("stopped", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The console logger's error and critical lines, with or without the timestamp the silo's settings put first.</summary>
    [GeneratedRegex(@"^(\d\d:\d\d:\d\d )?(fail|crit): ")]
    private static partial Regex ErrorLine();
}
