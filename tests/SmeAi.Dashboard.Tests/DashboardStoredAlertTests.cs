using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace SmeAi.Dashboard.Tests;

/// <summary>
/// The alerts a page loads from <c>GET /api/alerts</c> are stored raises with their status now (open, or cleared with
/// <c>clearedAt</c>), and the live stream adds raises and clears: what the page counts and lists as open.
/// </summary>
public sealed class DashboardStoredAlertTests(DashboardPageFixture fixture) : IClassFixture<DashboardPageFixture>
{
    [Fact]
    public async Task A_stored_alert_cleared_since_is_counted_as_raised_but_not_as_open_without_asking_its_entity()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", new[]
        {
            StubbedDashboard.EquipmentAlert("m-1", ts: "2026-12-04T10:05:00Z", raise: 2),
            StubbedDashboard.EquipmentAlert("m-2", status: "cleared", ts: "2026-12-04T10:00:00Z", clearedAt: "2026-12-04T10:30:00Z"),
            // m-1's earlier alert, cleared before its later one was raised: m-1 stays open.
            StubbedDashboard.EquipmentAlert("m-1", status: "cleared", ts: "2026-12-04T09:00:00Z", clearedAt: "2026-12-04T09:30:00Z"),
        });
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", Array.Empty<object>());

        await dashboard.LoadAsync();
        await Expect(dashboard.Page.Locator("#alert-feed li")).ToHaveCountAsync(3);
        await dashboard.RunUntilAsync(async () => await dashboard.Page.Locator("#kpi-open").TextContentAsync() == "1", "one open alert");

        await Expect(dashboard.Page.Locator("#top-equipment li[data-entity-id='m-1']")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#top-equipment li[data-entity-id='m-2']")).ToHaveCountAsync(0);
        await Expect(dashboard.Page.Locator("#domain-chart")).ToHaveAttributeAsync("aria-label", new Regex(@"equipment: 3 raised, 1 open"));
        await Expect(dashboard.Page.Locator("#alert-feed li[data-alert-id='equipment-m-2-1'] .status-cleared")).ToHaveTextAsync("cleared");
        // The stored status is the answer: no machine is asked whether its alert is still open.
        Assert.Equal(0, (await dashboard.FetchStatsAsync("api/machines/m-1")).Total);
        Assert.Equal(0, (await dashboard.FetchStatsAsync("api/machines/m-2")).Total);
    }

    [Fact]
    public async Task An_alert_cleared_while_the_live_stream_was_down_is_not_open_once_it_reconnects()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", Array.Empty<object>());
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", Array.Empty<object>());
        await dashboard.LoadAsync();
        await dashboard.OpenStreamAsync();
        await dashboard.SendAlertAsync(StubbedDashboard.EquipmentAlert("m-3"));
        var openKpi = dashboard.Page.Locator("#kpi-open");
        await dashboard.RunUntilAsync(async () => await openKpi.TextContentAsync() == "1", "one open alert");

        // The stream drops; meanwhile the alert clears, and the clear goes by unseen but is stored.
        await dashboard.DropStreamAsync();
        dashboard.Answer("api/alerts", new[] { StubbedDashboard.EquipmentAlert("m-3", status: "cleared", clearedAt: "2026-12-04T10:20:00Z") });
        await dashboard.OpenStreamAsync();

        await dashboard.RunUntilAsync(async () => await openKpi.TextContentAsync() == "0", "no open alert after the reconnect");
        await Expect(dashboard.Page.Locator("#top-equipment li[data-entity-id='m-3']")).ToHaveCountAsync(0);
        await Expect(dashboard.Page.Locator("#domain-chart")).ToHaveAttributeAsync("aria-label", new Regex(@"equipment: 1 raised, 0 open"));
    }

    [Fact]
    public async Task A_clear_arriving_live_closes_its_alert()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", Array.Empty<object>());
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", Array.Empty<object>());
        await dashboard.LoadAsync();
        await dashboard.OpenStreamAsync();
        await dashboard.SendAlertAsync(StubbedDashboard.EquipmentAlert("m-4"));
        var openKpi = dashboard.Page.Locator("#kpi-open");
        await dashboard.RunUntilAsync(async () => await openKpi.TextContentAsync() == "1", "one open alert");

        await dashboard.SendAlertAsync(StubbedDashboard.EquipmentAlert("m-4", status: "cleared", score: 0.2, ts: "2026-12-04T10:15:00Z"));

        await dashboard.RunUntilAsync(async () => await openKpi.TextContentAsync() == "0", "no open alert after the clear");
        await Expect(dashboard.Page.Locator("#alert-feed li")).ToHaveCountAsync(2);
        await Expect(dashboard.Page.Locator("#top-equipment li[data-entity-id='m-4']")).ToHaveCountAsync(0);
        await Expect(dashboard.Page.Locator("#domain-chart")).ToHaveAttributeAsync("aria-label", new Regex(@"equipment: 1 raised, 0 open"));
    }
}
