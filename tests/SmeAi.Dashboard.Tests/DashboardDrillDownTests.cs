using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmeAi.Dashboard.Tests;

/// <summary>What the drill-down of an entity says about it.</summary>
public sealed class DashboardDrillDownTests(DashboardPageFixture fixture) : IClassFixture<DashboardPageFixture>
{
    [Fact]
    public async Task An_entity_the_silo_does_not_know_is_shown_as_unknown_not_as_one_with_no_events_processed()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", Array.Empty<object>());
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", Array.Empty<object>());
        // As the entity API answers an id with no events: erased since its alert, or never seen.
        dashboard.Answer("api/machines/m-9", new
        {
            machineId = "m-9", found = false, eventsProcessed = 0, lastEventTs = (string?)null, lastScore = (double?)null, modelName = (string?)null,
            modelVersion = 0, openAlert = (object?)null, recentScores = Array.Empty<object>(), failureRisk = (object?)null,
        });
        await dashboard.LoadAsync();
        await dashboard.OpenStreamAsync();
        await dashboard.SendAlertAsync(StubbedDashboard.EquipmentAlert("m-9"));
        await dashboard.RunForAsync(TimeSpan.FromMilliseconds(100));

        await dashboard.Page.Locator("#alert-feed").GetByRole(AriaRole.Button, new() { Name = "m-9" }).ClickAsync();
        var dialog = dashboard.Page.GetByRole(AriaRole.Dialog, new() { Name = "Machine m-9" });
        var facts = dialog.Locator("#entity-facts");
        await Expect(facts).ToContainTextAsync("Unknown");
        await Expect(facts).ToContainTextAsync("No machine with this id has events");
        await Expect(facts).Not.ToContainTextAsync("Events processed");
        await Expect(dialog.Locator("#entity-alert")).ToHaveTextAsync("None.");
    }
}
