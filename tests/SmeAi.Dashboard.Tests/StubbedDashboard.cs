using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace SmeAi.Dashboard.Tests;

/// <summary>
/// The dashboard's own files (copied from the silo's wwwroot) served to Chromium with every API call answered by the
/// test: a handler per path, or held unanswered. The page's clock is Playwright's fake one, moved only by the test, and its
/// EventSource a stand-in the test opens and feeds (<see cref="SendAlertAsync"/>). The page's fetch calls are counted
/// per path, in flight (until the page has read the answer) and at most at once.
/// </summary>
internal sealed class StubbedDashboard : IAsyncDisposable
{
    public const string Origin = "http://dashboard.test";

    private const string PageScript = """
        (() => {
          const inFlight = {}, most = {}, total = {};
          const realFetch = window.fetch.bind(window);
          window.__fetchStats = (path) => ({ inFlight: inFlight[path] || 0, most: most[path] || 0, total: total[path] || 0 });
          window.fetch = (input, init) => {
            const path = new URL(String(input), location.href).pathname.replace(/^\//, '');
            inFlight[path] = (inFlight[path] || 0) + 1;
            total[path] = (total[path] || 0) + 1;
            most[path] = Math.max(most[path] || 0, inFlight[path]);
            // A request counts as answered once the page has read its body (the page reads every answer's JSON).
            let open = true;
            const done = () => { if (open) { open = false; inFlight[path] -= 1; } };
            return realFetch(input, init).then((response) => {
              const json = response.json.bind(response);
              response.json = () => json().finally(done);
              return response;
            }, (error) => { done(); throw error; });
          };
          window.__streams = [];
          window.EventSource = class {
            static CONNECTING = 0; static OPEN = 1; static CLOSED = 2;
            constructor(url) { this.url = url; this.readyState = 0; window.__streams.push(this); }
            close() { this.readyState = 2; }
          };
          window.__stream = () => window.__streams.at(-1);
        })();
        """;

    private static readonly string _root = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    private readonly ConcurrentDictionary<string, Func<IRoute, Task>> _api = new(StringComparer.Ordinal);
    private readonly IBrowserContext _context;

    private StubbedDashboard(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>API requests by path (e.g. <c>api/system</c>) that no handler answered, oldest first.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<IRoute>> Held { get; } = new(StringComparer.Ordinal);

    /// <summary>A page whose API answers nothing until told (<see cref="Answer"/>, <see cref="Hold"/>); not yet loaded.</summary>
    public static async Task<StubbedDashboard> CreateAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Origin + "/",
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var dashboard = new StubbedDashboard(context, page);
        await page.AddInitScriptAsync(PageScript);
        // The page's time moves only when the test moves it.
        await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc) });
        await page.Clock.PauseAtAsync(new DateTime(2026, 12, 4, 12, 0, 1, DateTimeKind.Utc));
        await page.RouteAsync(Origin + "/**", dashboard.RouteAsync);
        return dashboard;
    }

    /// <summary>Answers every request for <paramref name="path"/> with <paramref name="status"/> and <paramref name="body"/> as JSON.</summary>
    public void Answer(string path, object body, int status = 200) =>
        _api[path] = route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = status,
            ContentType = status < 400 ? "application/json" : "application/problem+json",
            Body = JsonSerializer.Serialize(body, JsonSerializerOptions.Web),
        });

    /// <summary>Leaves every request for <paramref name="path"/> unanswered (in <see cref="Held"/>), as a silo that hangs would.</summary>
    public void Hold(string path) => _api.TryRemove(path, out _);

    public Task LoadAsync() => Page.GotoAsync("/");

    public Task RunForAsync(TimeSpan time) => Page.Clock.RunForAsync((long)time.TotalMilliseconds);

    public async Task<FetchStats> FetchStatsAsync(string path)
    {
        var stats = await Page.EvaluateAsync<JsonElement>("path => window.__fetchStats(path)", path);
        return new FetchStats(stats.GetProperty("inFlight").GetInt32(), stats.GetProperty("most").GetInt32(), stats.GetProperty("total").GetInt32());
    }

    /// <summary>Waits until the page has sent <paramref name="count"/> requests for <paramref name="path"/> and has their answers.</summary>
    public async Task WaitForRequestsAsync(string path, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await FetchStatsAsync(path) is var stats && (stats.Total < count || stats.InFlight > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the page sent {stats.Total} requests for {path} ({stats.InFlight} unanswered), not {count}");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Moves the page's clock on in small steps until <paramref name="done"/> holds (answers arrive on the real clock,
    /// renders on the page's); fails saying <paramref name="what"/> was not reached after a generous real-time limit.
    /// </summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the page never reached: {what}");
            await RunForAsync(TimeSpan.FromMilliseconds(50));
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until a request for <paramref name="path"/> is held unanswered.</summary>
    public async Task WaitForHeldAsync(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(Held.TryGetValue(path, out var held) && !held.IsEmpty))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the page sent no request for {path}");
            await Task.Delay(10);
        }
    }

    /// <summary>Answers the held requests for <paramref name="path"/> with its handler (set one with <see cref="Answer"/> first).</summary>
    public async Task ReleaseAsync(string path)
    {
        var handler = _api[path];
        if (Held.TryGetValue(path, out var held))
        {
            while (held.TryDequeue(out var route))
            {
                await handler(route);
            }
        }
    }

    public Task OpenStreamAsync() =>
        Page.EvaluateAsync("() => { const s = window.__stream(); s.readyState = 1; s.onopen && s.onopen({}); }");

    /// <summary>Drops the live stream as a network failure or a restarting silo would; the browser then reconnects (<see cref="OpenStreamAsync"/>).</summary>
    public Task DropStreamAsync() =>
        Page.EvaluateAsync("() => { const s = window.__stream(); s.readyState = 0; s.onerror && s.onerror({}); }");

    /// <summary>Delivers one alert frame over the page's live stream.</summary>
    public Task SendAlertAsync(object alert) =>
        Page.EvaluateAsync("data => window.__stream().onmessage({ data })", JsonSerializer.Serialize(alert, JsonSerializerOptions.Web));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    /// <summary>
    /// An equipment alert as the silo's stream and store give it: <paramref name="raise"/> tells a machine's alerts apart;
    /// the store answers one cleared since with <paramref name="clearedAt"/>.
    /// </summary>
    public static object EquipmentAlert(
        string machineId, string status = "open", double score = 0.97, string ts = "2026-12-04T10:00:00Z", int raise = 1, string? clearedAt = null) => new
    {
        alertId = $"equipment-{machineId}-{raise}",
        domain = "equipment",
        entityId = machineId,
        ts,
        score,
        severity = "critical",
        status,
        modelName = "baseline",
        modelVersion = 0,
        features = new[] { new { name = "temperature", value = 145.2, baseline = 70.1 } },
        signals = Array.Empty<string>(),
        band = (string?)null,
        clearedAt,
    };

    public static object System(long eventsProcessed) => new
    {
        mode = "embedded",
        silo = "127.0.0.1:11111@1",
        silos = new[] { "127.0.0.1:11111@1" },
        kafkaBootstrap = "127.0.0.1:9092",
        kafkaEmbedded = true,
        eventsProcessed,
        consumerLag = 0,
    };

    private async Task RouteAsync(IRoute route)
    {
        var path = new Uri(route.Request.Url).AbsolutePath.TrimStart('/');
        if (!path.StartsWith("api/", StringComparison.Ordinal))
        {
            var file = Path.Combine(_root, path.Length == 0 ? "index.html" : path);
            await route.FulfillAsync(File.Exists(file)
                ? new RouteFulfillOptions { Path = file, ContentType = ContentTypeOf(file) }
                : new RouteFulfillOptions { Status = 404 });
            return;
        }

        // The longest matching prefix answers, so "api/machines/" serves every machine.
        var handler = _api.Where(entry => path.StartsWith(entry.Key, StringComparison.Ordinal)).OrderByDescending(entry => entry.Key.Length)
            .Select(entry => entry.Value).FirstOrDefault();
        if (handler is null)
        {
            Held.GetOrAdd(path, _ => new ConcurrentQueue<IRoute>()).Enqueue(route);
            return;
        }

        await handler(route);
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };

    internal sealed record FetchStats(int InFlight, int Most, int Total);
}
