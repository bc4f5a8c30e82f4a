using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.IntegrationTests;

/// <summary><c>GET /api/alerts</c> and <c>GET /api/alerts/stream</c> as an integrator or the dashboard sees them.</summary>
public sealed class AlertsApiTests(AlertsApiHost host) : IClassFixture<AlertsApiHost>
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("api/alerts?domain=billing", "domain must be one of equipment, churn, security")]
    [InlineData("api/alerts?since=yesterday", "since must be an ISO-8601 time")]
    [InlineData("api/alerts?since=12/04/2026", "since must be an ISO-8601 time")]
    [InlineData("api/alerts?limit=0", "limit must be a whole number from 1 to 1000")]
    [InlineData("api/alerts?limit=1001", "limit must be a whole number from 1 to 1000")]
    [InlineData("api/alerts?limit=ten", "limit must be a whole number from 1 to 1000")]
    [InlineData("api/alerts?domain=churn&domain=security", "give domain at most once")]
    [InlineData("api/alerts?status=closed", "status must be one of open, cleared")]
    [InlineData("api/alerts/stream?domain=Equipment", "domain must be one of")]
    [InlineData("api/alerts/stream?status=open", "status filters the stored alerts")]
    public async Task Bad_queries_are_answered_400_with_what_to_send_instead(string path, string expected)
    {
        using var response = await host.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_alerts_come_newest_first_filtered_by_domain_and_inclusive_since()
    {
        await host.Store.AddAsync(
            [
                Alert("q-too-old", AlertDomains.Equipment, T0.AddHours(-2)), Alert("q-at-since", AlertDomains.Equipment, T0.AddHours(-1)),
                Alert("q-old", AlertDomains.Equipment, T0.AddMinutes(-30)), Alert("q-new", AlertDomains.Equipment, T0.AddHours(1)), Alert("q-churn", AlertDomains.Churn, T0),
            ],
            CancellationToken.None);

        // since 11:00+02:00 is 09:00Z, one hour before T0; an alert at exactly that time is included.
        var alerts = await host.Http.GetFromJsonAsync<Alert[]>(new Uri("api/alerts?domain=equipment&since=2026-12-04T11:00:00%2B02:00", UriKind.Relative));
        Assert.Equal(["q-new", "q-old", "q-at-since"], alerts!.Where(a => a.AlertId.StartsWith("q-", StringComparison.Ordinal)).Select(a => a.AlertId));

        // An unencoded '+' offset arrives as a space and still means the same time.
        var limited = await host.Http.GetFromJsonAsync<Alert[]>(new Uri("api/alerts?domain=equipment&since=2026-12-04T11:00:00+01:00&limit=1", UriKind.Relative));
        Assert.Equal(["q-new"], limited!.Select(a => a.AlertId));
    }

    [Fact]
    public async Task Stored_alerts_say_whether_they_are_still_open_and_the_status_filter_keeps_only_open_or_cleared_ones()
    {
        var start = T0.AddDays(20);
        var cleared = Alert("st-cleared", AlertDomains.Churn, start.AddMinutes(1));
        await host.Store.AddAsync([Alert("st-open", AlertDomains.Churn, start), cleared], CancellationToken.None);
        await host.Store.AddAsync([cleared with { Ts = start.AddMinutes(6), Score = 0.2, Status = global::SmeAi.Abstractions.Outputs.Alert.StatusCleared }], CancellationToken.None);

        var all = await host.Http.GetFromJsonAsync<JsonElement[]>(new Uri("api/alerts?domain=churn&since=2026-12-24T10:00:00Z", UriKind.Relative));
        Assert.Equal(
            [("st-cleared", "cleared", start.AddMinutes(1), (DateTimeOffset?)start.AddMinutes(6)), ("st-open", "open", start, null)],
            all!.Select(a => (a.GetProperty("alertId").GetString(), a.GetProperty("status").GetString(), a.GetProperty("ts").GetDateTimeOffset(), ClearedAt(a))));

        var open = await host.Http.GetFromJsonAsync<Alert[]>(new Uri("api/alerts?domain=churn&since=2026-12-24T10:00:00Z&status=open", UriKind.Relative));
        Assert.Equal(["st-open"], open!.Select(a => a.AlertId));
        var closed = await host.Http.GetFromJsonAsync<Alert[]>(new Uri("api/alerts?domain=churn&since=2026-12-24T10:00:00Z&status=cleared", UriKind.Relative));
        Assert.Equal(["st-cleared"], closed!.Select(a => a.AlertId));
    }

    [Fact]
    public async Task Without_a_limit_the_newest_100_alerts_are_returned()
    {
        var start = T0.AddDays(10);
        await host.Store.AddAsync([.. Enumerable.Range(0, 101).Select(i => Alert($"l-{i:D3}", AlertDomains.Security, start.AddMinutes(i)))], CancellationToken.None);

        var alerts = await host.Http.GetFromJsonAsync<Alert[]>(new Uri("api/alerts?domain=security&since=2026-12-14T10:00:00Z", UriKind.Relative));

        Assert.Equal(Enumerable.Range(1, 100).Reverse().Select(i => $"l-{i:D3}"), alerts!.Select(a => a.AlertId));
    }

    [Fact]
    public async Task The_stream_sends_each_alert_of_the_requested_domain_as_one_data_line_and_unsubscribes_when_the_client_leaves()
    {
        var before = (await host.AlertStream.GetAllSubscriptionHandles()).Count;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var response = await host.Http.GetAsync(new Uri("api/alerts/stream?domain=security", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            Assert.Equal(": connected", await reader.ReadLineAsync(cancel.Token));
            Assert.Equal(before + 1, (await host.AlertStream.GetAllSubscriptionHandles()).Count);

            var security = Alert("s-1", AlertDomains.Security, T0) with { Signals = ["brute_force"], Features = [new FeatureExplanation("auth_failures", 40, 2, 9.5)] };
            await host.AlertStream.OnNextAsync(Alert("e-1", AlertDomains.Equipment, T0));
            await host.AlertStream.OnNextAsync(security);

            var data = await NextDataLineAsync(reader, cancel.Token);
            var received = JsonSerializer.Deserialize<Alert>(data, EventJson.Options)!;
            Assert.Equal(security.AlertId, received.AlertId);
            Assert.Equal(security.Ts, received.Ts);
            Assert.Equal(["brute_force"], received.Signals);
            Assert.Equal(security.Features, received.Features);
            Assert.Contains("\"entityId\":\"entity-s-1\"", data, StringComparison.Ordinal);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await host.AlertStream.GetAllSubscriptionHandles()).Count > before)
        {
            await Task.Delay(100, deadline.Token);
        }

        Assert.Equal(before, (await host.AlertStream.GetAllSubscriptionHandles()).Count);
    }

    private static async Task<string> NextDataLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        throw new EndOfStreamException("the alert stream ended without a data line");
    }

    private static DateTimeOffset? ClearedAt(JsonElement alert) =>
        alert.GetProperty("clearedAt") is { ValueKind: JsonValueKind.String } clearedAt ? clearedAt.GetDateTimeOffset() : null;

    private static Alert Alert(string id, string domain, DateTimeOffset ts) =>
        new(id, domain, $"entity-{id}", ts, 0.93, "high", global::SmeAi.Abstractions.Outputs.Alert.StatusOpen, "baseline", 0, [], [], null);
}
