using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmeAi.Dashboard.Tests;

/// <summary>What the connection pill in the top bar says while the silo's API fails and after it recovers.</summary>
public sealed class DashboardConnectionTests(DashboardPageFixture fixture) : IClassFixture<DashboardPageFixture>
{
    [Fact]
    public async Task The_pill_shows_a_failing_system_api_with_its_reason_and_says_live_again_once_it_answers()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", Array.Empty<object>());
        dashboard.Answer("api/models", Array.Empty<object>());
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        await dashboard.LoadAsync();
        await dashboard.OpenStreamAsync();
        var pill = dashboard.Page.Locator("#connection");
        await Expect(pill).ToHaveTextAsync("Live");

        dashboard.Answer("api/system", new { status = 503, title = "The Orleans cluster is unavailable", detail = "The silo could not reach the grain." }, status: 503);
        await dashboard.RunForAsync(TimeSpan.FromSeconds(2));
        await dashboard.WaitForRequestsAsync("api/system", 2);
        await Expect(pill).ToHaveTextAsync("Silo unreachable");
        await Expect(pill).ToHaveAttributeAsync("title", "api/system answered 503: The silo could not reach the grain.");

        // The live stream stayed up all along; once the API answers again, nothing is wrong any more.
        dashboard.Answer("api/system", StubbedDashboard.System(20));
        await dashboard.RunForAsync(TimeSpan.FromSeconds(2));
        await dashboard.WaitForRequestsAsync("api/system", 3);
        await Expect(pill).ToHaveTextAsync("Live");
        await Expect(dashboard.Page.Locator("#kpi-events")).ToHaveTextAsync("20");
    }
}
