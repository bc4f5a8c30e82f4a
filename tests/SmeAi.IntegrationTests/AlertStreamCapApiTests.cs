using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmeAi.IntegrationTests;

/// <summary>The alerts API with <c>Api:MaxAlertStreams</c> = 2.</summary>
public sealed class TwoAlertStreamsApiHost : AlertsApiHost
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Api:MaxAlertStreams"] = "2" };
}

/// <summary>Live alert streams are bounded per silo: beyond the cap a client gets 503 with the reason, and a closed stream frees its slot.</summary>
public sealed class AlertStreamCapApiTests(TwoAlertStreamsApiHost host) : IClassFixture<TwoAlertStreamsApiHost>
{
    [Fact]
    public async Task A_stream_beyond_the_cap_is_refused_with_503_without_subscribing_and_a_closed_stream_frees_its_slot()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var before = (await host.AlertStream.GetAllSubscriptionHandles()).Count;
        var first = await OpenAsync(cancel.Token);
        using var second = await OpenAsync(cancel.Token);

        using (var refused = await host.Http.GetAsync(new Uri("api/alerts/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(cancel.Token);
            Assert.Contains("already serves its 2 live alert streams (Api:MaxAlertStreams)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before + 2, (await host.AlertStream.GetAllSubscriptionHandles()).Count);

        // The silo notices the closed stream at its next write (a heartbeat at the latest); until then the slot stays taken.
        first.Dispose();
        while (true)
        {
            using var retry = await host.Http.GetAsync(new Uri("api/alerts/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            if (retry.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, retry.StatusCode);
            await Task.Delay(200, cancel.Token);
        }
    }

    /// <summary>Opens a stream and reads its first line, so the silo has subscribed before the next request.</summary>
    private async Task<HttpResponseMessage> OpenAsync(CancellationToken cancellationToken)
    {
        var response = await host.Http.GetAsync(new Uri("api/alerts/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), leaveOpen: true);
        Assert.Equal(": connected", await reader.ReadLineAsync(cancellationToken));
        return response;
    }
}
