using System.Net.Http.Json;
using System.Text.Json;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>The silo's HTTP API as an operator would call it: system status, and retrain/promote behind the API key.</summary>
internal sealed class SiloApi(HttpClient http, string apiKey)
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Active silos of the cluster, as <c>GET /api/system</c> lists them.</summary>
    public async Task<int> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/system", UriKind.Relative), cancellationToken));
        return document.RootElement.GetProperty("silos").GetArrayLength();
    }

    /// <summary><c>POST /api/models/{name}/retrain</c>: trains now; answers whether a version was published and promoted.</summary>
    public async Task<RetrainResponse> RetrainAsync(string model, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/models/{model}/retrain", UriKind.Relative));
        request.Headers.Add(ApiKeyHeader, apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<RetrainResponse>(JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException("The retrain endpoint answered nothing.");
    }

    /// <summary><c>POST /api/models/{name}/promote</c> with <c>{"version": N}</c>.</summary>
    public async Task PromoteAsync(string model, int version, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/models/{model}/promote", UriKind.Relative))
        {
            Content = JsonContent.Create(new { version }),
        };
        request.Headers.Add(ApiKeyHeader, apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    internal sealed record RetrainResponse(string ModelName, bool Published, bool Promoted, int Version, string Reason, string Detail);
}
