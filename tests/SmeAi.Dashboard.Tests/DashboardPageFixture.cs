using Microsoft.Playwright;

namespace SmeAi.Dashboard.Tests;

/// <summary>
/// Debian's headless Chromium alone, for tests that run the dashboard's page against canned API answers
/// (<see cref="StubbedDashboard"/>) rather than a silo: what the page does with a slow, failing or odd answer.
/// </summary>
public sealed class DashboardPageFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(DashboardSiloFixture.ChromiumPath))
        {
            throw new InvalidOperationException($"{DashboardSiloFixture.ChromiumPath} is missing: install Debian's chromium package (./build.sh test does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardSiloFixture.ChromiumPath,
            Headless = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
