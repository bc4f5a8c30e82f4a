using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmeAi.Dashboard.Tests;

/// <summary>How the page polls the silo when the silo is slow: never a second request while one is unanswered.</summary>
public sealed class DashboardPollingTests(DashboardPageFixture fixture) : IClassFixture<DashboardPageFixture>
{
    [Fact]
    public async Task A_silo_that_does_not_answer_gets_one_system_and_one_models_request_at_a_time()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", Array.Empty<object>());
        await dashboard.LoadAsync();

        // A minute of a silo that answers neither: the page's timers go on firing meanwhile.
        await dashboard.RunForAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await dashboard.FetchStatsAsync("api/system")).Most);
        Assert.Equal(1, (await dashboard.FetchStatsAsync("api/models")).Most);

        // Once it answers, the page shows the answer and polls on.
        dashboard.Answer("api/system", StubbedDashboard.System(1234));
        dashboard.Answer("api/models", Array.Empty<object>());
        await dashboard.ReleaseAsync("api/system");
        await dashboard.ReleaseAsync("api/models");
        await Expect(dashboard.Page.Locator("#kpi-events")).ToHaveTextAsync(new Regex(@"1\D?234"));
        for (var poll = 2; poll <= 3; poll++)
        {
            // Each answer arrives on the real clock, so the page's clock moves one polling interval at a time.
            await dashboard.RunForAsync(TimeSpan.FromSeconds(10));
            await dashboard.WaitForRequestsAsync("api/system", poll);
            await dashboard.WaitForRequestsAsync("api/models", poll);
        }
    }

    [Fact]
    public async Task An_open_drill_down_asks_for_its_entity_again_only_after_the_last_answer()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", Array.Empty<object>());
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", Array.Empty<object>());
        await dashboard.LoadAsync();
        await dashboard.OpenStreamAsync();
        await dashboard.SendAlertAsync(StubbedDashboard.EquipmentAlert("m-7"));
        await dashboard.RunForAsync(TimeSpan.FromMilliseconds(100));

        await dashboard.Page.Locator("#top-equipment").GetByRole(AriaRole.Button, new() { Name = "m-7" }).ClickAsync();
        await Expect(dashboard.Page.GetByRole(AriaRole.Dialog, new() { Name = "Machine m-7" })).ToBeVisibleAsync();
        await dashboard.RunForAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, (await dashboard.FetchStatsAsync("api/machines/m-7")).Most);
    }

    [Fact]
    public async Task A_late_failure_for_a_closed_drill_down_does_not_replace_the_one_now_open()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", Array.Empty<object>());
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", Array.Empty<object>());
        dashboard.Answer("api/machines/m-2", new { machineId = "m-2", found = true, eventsProcessed = 321, modelVersion = 0, recentScores = Array.Empty<object>() });
        await dashboard.LoadAsync();
        await dashboard.OpenStreamAsync();
        await dashboard.SendAlertAsync(StubbedDashboard.EquipmentAlert("m-1"));
        await dashboard.SendAlertAsync(StubbedDashboard.EquipmentAlert("m-2"));
        await dashboard.RunForAsync(TimeSpan.FromMilliseconds(100));
        var page = dashboard.Page;

        // m-1's answer is slow; the user closes it and opens m-2, which answers at once.
        await page.Locator("#top-equipment").GetByRole(AriaRole.Button, new() { Name = "m-1" }).ClickAsync();
        await dashboard.WaitForHeldAsync("api/machines/m-1");
        await page.Locator("#entity-close").ClickAsync();
        await page.Locator("#top-equipment").GetByRole(AriaRole.Button, new() { Name = "m-2" }).ClickAsync();
        var facts = page.GetByRole(AriaRole.Dialog, new() { Name = "Machine m-2" }).Locator("#entity-facts");
        await Expect(facts).ToContainTextAsync("321");

        // Then m-1's request fails.
        dashboard.Answer("api/machines/m-1", new { status = 504, detail = "A call inside the Orleans cluster ran out of time." }, status: 504);
        await dashboard.ReleaseAsync("api/machines/m-1");
        await dashboard.WaitForRequestsAsync("api/machines/m-1", 1);
        await dashboard.RunForAsync(TimeSpan.FromMilliseconds(100));

        // Read once, not awaited: the page's clock stands still, so no later poll of m-2 has repaired the dialog.
        var shown = await facts.TextContentAsync();
        Assert.Contains("321", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("m-1", shown, StringComparison.Ordinal);
    }
}
