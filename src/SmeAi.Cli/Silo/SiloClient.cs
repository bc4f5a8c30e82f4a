using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeAi.Cli.Terminal;

namespace SmeAi.Cli.Silo;

/// <summary>
/// Calls the silo's HTTP API. Every failure becomes a <see cref="CliException"/> with one readable line:
/// <c>cannot reach http://... (connection refused)</c>, <c>http://... answered 401 Unauthorized: ...</c>.
/// </summary>
internal sealed class SiloClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    private SiloClient(HttpClient http)
    {
        _http = http;
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <exception cref="CliException"><paramref name="url"/> is not an absolute http(s) URL.</exception>
    public static SiloClient Create(string url, string? apiKey)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--url '{url}' is not an http:// or https:// URL");
        }

        // A trailing slash makes relative paths append instead of replacing the last segment.
        var normalised = new Uri(baseAddress.AbsoluteUri.TrimEnd('/') + "/");
        var http = new HttpClient { BaseAddress = normalised, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        return new SiloClient(http);
    }

    /// <summary>GETs <paramref name="path"/> and reads the JSON answer; also returns the raw text for <c>--json</c>.</summary>
    public async Task<(T Value, string Raw)> GetJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, body: null, cancellationToken);
        return await ReadAsync<T>(response, path, cancellationToken);
    }

    /// <summary>POSTs <paramref name="body"/> (or nothing) as JSON to <paramref name="path"/> and reads the JSON answer.</summary>
    public async Task<(T Value, string Raw)> PostJsonAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, cancellationToken);
        return await ReadAsync<T>(response, path, cancellationToken);
    }

    /// <summary>
    /// POSTs like <see cref="PostJsonAsync{T}"/> but leaves reading to the caller, for endpoints whose answer depends on the
    /// success status (retrain: 200 with the outcome, 202 while the training goes on).
    /// </summary>
    public async Task<(HttpStatusCode Status, string Raw)> PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Reads an answer got through <see cref="PostAsync"/>.</summary>
    public T Parse<T>(string raw, string path)
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(raw, _json);
            return value is null ? throw new CliException($"{Describe(path)} answered null") : value;
        }
        catch (JsonException ex)
        {
            throw new CliException($"{Describe(path)} answered something that is not the expected JSON ({ex.Message})", ex);
        }
    }

    /// <summary><c>GET /health</c>: whether it answered 200, and the status text it sent (<c>Healthy</c>, <c>Unhealthy</c>...).</summary>
    public async Task<(bool Healthy, string Status)> GetHealthAsync(CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "health", body: null, cancellationToken);
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return (response.StatusCode == HttpStatusCode.OK, text.Length > 0 ? text : $"{(int)response.StatusCode} {response.ReasonPhrase}");
    }

    /// <summary>The Kafka bootstrap the silo uses (<c>GET /api/system</c>).</summary>
    public async Task<string> GetKafkaBootstrapAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (system, _) = await GetJsonAsync<SystemInfo>("api/system", cancellationToken);
            return string.IsNullOrWhiteSpace(system.KafkaBootstrap)
                ? throw new CliException($"the silo at {BaseAddress} reported no Kafka bootstrap")
                : system.KafkaBootstrap;
        }
        catch (CliException ex)
        {
            throw new CliException($"no Kafka bootstrap: pass --bootstrap or set SMEAI_KAFKA, or start the silo ({ex.Message})", ex);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var response = await SendRawAsync(method, path, body, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new CliException(await DescribeFailureAsync(response, path, cancellationToken));
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: _json);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await _http.SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach {BaseAddress.AbsoluteUri.TrimEnd('/')} ({ErrorMessages.ConnectionFailure(ex)})", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{BaseAddress.AbsoluteUri.TrimEnd('/')} did not answer within {_timeout.TotalSeconds:0} s", ex);
        }
    }

    private async Task<(T Value, string Raw)> ReadAsync<T>(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var raw = await response.Content.ReadAsStringAsync(cancellationToken);
        return (Parse<T>(raw, path), raw);
    }

    private async Task<string> DescribeFailureAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? detail = null;
        try
        {
            var problem = JsonSerializer.Deserialize<ProblemDetails>(text, _json);
            detail = problem?.Detail ?? problem?.Title;
        }
        catch (JsonException)
        {
            detail = text.Length is > 0 and <= 200 ? text.Trim() : null;
        }

        var message = detail is null ? $"{Describe(path)} answered {status}" : $"{Describe(path)} answered {status}: {detail}";
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            message += " (pass --api-key or set SMEAI_API_KEY; embedded mode prints the key at start as 'API key: ...')";
        }

        return message;
    }

    private string Describe(string path) => new Uri(BaseAddress, path).AbsoluteUri;
}
