using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace SmeAi.Dashboard.Tests;

/// <summary>
/// The alerts a page loads from <c>GET /api/alerts</c> are stored raises (the store keeps no clears): what the page counts
/// as open from them.
/// </summary>
public sealed class DashboardStoredAlertTests(DashboardPageFixture fixture) : IClassFixture<DashboardPageFixture>
{
    [Fact]
    public async Task A_stored_alert_whose_entity_has_no_open_alert_any_more_is_not_counted_or_listed_as_open()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        var stillOpen = StubbedDashboard.EquipmentAlert("m-1", ts: "2026-12-04T10:05:00Z");
        var clearedSince = StubbedDashboard.EquipmentAlert("m-2", ts: "2026-12-04T10:00:00Z");
        dashboard.Answer("api/alerts", new[] { stillOpen, clearedSince });
        dashboard.Answer("api/machines/m-1", Machine("m-1", stillOpen));
        dashboard.Answer("api/machines/m-2", Machine("m-2", openAlert: null));
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", Array.Empty<object>());

        await dashboard.LoadAsync();
        await Expect(dashboard.Page.Locator("#alert-feed li")).ToHaveCountAsync(2);
        var openKpi = dashboard.Page.Locator("#kpi-open");
        await dashboard.RunUntilAsync(async () => await openKpi.TextContentAsync() == "1", "one open alert");

        await Expect(dashboard.Page.Locator("#top-equipment li[data-entity-id='m-1']")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#top-equipment li[data-entity-id='m-2']")).ToHaveCountAsync(0);
        await Expect(dashboard.Page.Locator("#domain-chart")).ToHaveAttributeAsync("aria-label", new Regex(@"equipment: 2 raised, 1 open"));
    }

    [Fact]
    public async Task An_alert_cleared_while_the_live_stream_was_down_is_not_open_once_it_reconnects()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        var raised = StubbedDashboard.EquipmentAlert("m-3");
        dashboard.Answer("api/alerts", Array.Empty<object>());
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", Array.Empty<object>());
        await dashboard.LoadAsync();
        await dashboard.OpenStreamAsync();
        await dashboard.SendAlertAsync(raised);
        var openKpi = dashboard.Page.Locator("#kpi-open");
        await dashboard.RunUntilAsync(async () => await openKpi.TextContentAsync() == "1", "one open alert");

        // The stream drops; meanwhile the alert is stored and clears, and the clear goes by unseen.
        await dashboard.DropStreamAsync();
        dashboard.Answer("api/alerts", new[] { raised });
        dashboard.Answer("api/machines/m-3", Machine("m-3", openAlert: null));
        await dashboard.OpenStreamAsync();

        await dashboard.RunUntilAsync(async () => await openKpi.TextContentAsync() == "0", "no open alert after the reconnect");
        await Expect(dashboard.Page.Locator("#top-equipment li[data-entity-id='m-3']")).ToHaveCountAsync(0);
    }

    private static object Machine(string machineId, object? openAlert) => new
    {
        machineId,
        found = true,
        eventsProcessed = 500,
        lastEventTs = "2026-12-04T11:00:00Z",
        lastScore = 0.1,
        modelName = "baseline",
        modelVersion = 0,
        openAlert,
        recentScores = Array.Empty<object>(),
        failureRisk = (object?)null,
    };
}
