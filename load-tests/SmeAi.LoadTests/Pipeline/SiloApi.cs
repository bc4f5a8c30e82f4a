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

    /// <summary>
    /// <c>POST /api/models/{name}/retrain</c>: trains now; answers whether a version was published and promoted. A training
    /// that outlasts the request is answered 202; its outcome is then read from <c>GET /api/models/{name}</c>.
    /// </summary>
    public async Task<RetrainResponse> RetrainAsync(string model, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/models/{model}/retrain", UriKind.Relative));
        request.Headers.Add(ApiKeyHeader, apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            return await response.Content.ReadFromJsonAsync<RetrainResponse>(JsonSerializerOptions.Web, cancellationToken)
                ?? throw new InvalidOperationException("The retrain endpoint answered nothing.");
        }

        var accepted = await response.Content.ReadFromJsonAsync<RetrainAccepted>(JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException("The retrain endpoint answered nothing.");
        while (true)
        {
            var details = await http.GetFromJsonAsync<ModelDetails>(new Uri($"api/models/{model}", UriKind.Relative), JsonSerializerOptions.Web, cancellationToken);
            if (details?.Trainer.LastOutcome is { } outcome && (accepted.PreviousFinishedAt is null || outcome.FinishedAt > accepted.PreviousFinishedAt))
            {
                return outcome;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
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

    internal sealed record RetrainResponse(string ModelName, bool Published, bool Promoted, int Version, string Reason, string Detail, DateTimeOffset FinishedAt);

    internal sealed record RetrainAccepted(DateTimeOffset? PreviousFinishedAt);

    internal sealed record ModelDetails(TrainerDetails Trainer);

    internal sealed record TrainerDetails(RetrainResponse? LastOutcome);
}
