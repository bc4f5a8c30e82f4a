using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SmeAi.Dashboard.Tests;

/// <summary>The live dashboard at <c>/</c> in headless Chromium: what an operations lead would see when a machine goes wrong.</summary>
public sealed class DashboardBrowserTests(DashboardSiloFixture fixture, ITestOutputHelper output) : IClassFixture<DashboardSiloFixture>
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_equipment_alert_appears_live_in_the_feed_and_the_top_risk_machines_and_opens_its_drill_down()
    {
        var machineId = $"dash-{Guid.NewGuid():N}"[..13];
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Silo.HttpBase.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alert feed" })).ToBeVisibleAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });

        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await MachineAnomalyProducer.ProduceAsync(fixture.Silo.Http, machineId, cancel.Token);
        }

        var feedRow = page.Locator($"#alert-feed li[data-entity-id='{machineId}'][data-domain='equipment']").First;
        await Expect(feedRow).ToBeVisibleAsync(new() { Timeout = (float)AlertTimeout.TotalMilliseconds });
        await Expect(feedRow).ToContainTextAsync("equipment");
        await Expect(feedRow).ToHaveClassAsync(new Regex(@"\bfresh\b")); // came over the live stream, not from the stored list
        var topEntry = page.Locator($"#top-equipment li[data-entity-id='{machineId}']");
        await Expect(topEntry).ToBeVisibleAsync();
        await Expect(page.Locator("#kpi-events")).Not.ToHaveTextAsync("–");
        await Expect(page.Locator("#rate-chart polyline")).ToHaveCountAsync(1);
        await SaveScreenshotAsync(page, "dashboard.png", fullPage: true);

        await topEntry.GetByRole(AriaRole.Button, new() { Name = machineId }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Machine {machineId}" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("#entity-facts")).ToContainTextAsync(new Regex(@"Events processed\s*1\d\d"), new() { Timeout = 30_000 });
        await Expect(dialog.Locator("#entity-alert")).ToContainTextAsync("against a usual");
        await SaveScreenshotAsync(page, "dashboard-drilldown.png", fullPage: false);

        Assert.Empty(pageErrors);
    }

    private async Task SaveScreenshotAsync(IPage page, string name, bool fullPage)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
    }
}
