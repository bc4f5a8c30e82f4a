using static Microsoft.Playwright.Assertions;

namespace SmeAi.Dashboard.Tests;

/// <summary>The model table when <c>GET /api/models</c> fails and recovers.</summary>
public sealed class DashboardModelsTests(DashboardPageFixture fixture) : IClassFixture<DashboardPageFixture>
{
    [Fact]
    public async Task A_failing_models_api_is_shown_with_its_reason_until_it_answers_again()
    {
        await using var dashboard = await StubbedDashboard.CreateAsync(fixture.Browser);
        dashboard.Answer("api/alerts", Array.Empty<object>());
        dashboard.Answer("api/system", StubbedDashboard.System(10));
        dashboard.Answer("api/models", new { status = 503, detail = "The silo could not reach the grain." }, status: 503);
        await dashboard.LoadAsync();
        await dashboard.WaitForRequestsAsync("api/models", 1);

        var notice = dashboard.Page.Locator("#models-notice");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("api/models answered 503: The silo could not reach the grain.");

        dashboard.Answer("api/models", Array.Empty<object>());
        await dashboard.RunForAsync(TimeSpan.FromSeconds(10));
        await dashboard.WaitForRequestsAsync("api/models", 2);
        await Expect(notice).ToBeHiddenAsync();
        await Expect(dashboard.Page.Locator("#models-body")).ToContainTextAsync("No model trained yet.");
    }
}
