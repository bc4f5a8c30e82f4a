using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// <c>POST /api/models/{name}/retrain</c> when the training outlasts <c>Api:RetrainWait</c> (zero here, so every training
/// does): 202 with where to read the outcome, and the outcome appears there once the training is done.
/// </summary>
public sealed class ModelsApiRetrainTests : IAsyncLifetime
{
    private SiloProcess _silo = null!;
    private string _apiKey = "";

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartHealthyAsync(new Dictionary<string, string>
        {
            ["Api:RetrainWait"] = "00:00:00",
            ["Simulator:Embedded:Enabled"] = "false",
        }, TimeSpan.FromSeconds(90));
        _apiKey = _silo.GeneratedApiKey;
    }

    public async Task DisposeAsync()
    {
        // Null when the silo never became healthy: StartHealthyAsync stopped it already.
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_training_that_outlasts_the_request_is_accepted_and_its_outcome_appears_under_the_model()
    {
        using var first = await RetrainAsync("slow-to-answer");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("/api/models/slow-to-answer", first.Headers.Location?.OriginalString);
        var accepted = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/api/models/slow-to-answer", accepted.GetProperty("statusPath").GetString());
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("previousFinishedAt").ValueKind);
        Assert.Contains("goes on", accepted.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var outcome = await WaitForOutcomeAfterAsync("slow-to-answer", null);
        Assert.False(outcome.GetProperty("published").GetBoolean());
        Assert.Contains("no samples", outcome.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A second request names the first outcome, so a client can tell the new one from it.
        using var second = await RetrainAsync("slow-to-answer");
        var previous = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("previousFinishedAt").GetDateTimeOffset();
        Assert.Equal(outcome.GetProperty("finishedAt").GetDateTimeOffset(), previous);
        Assert.True((await WaitForOutcomeAfterAsync("slow-to-answer", previous)).GetProperty("finishedAt").GetDateTimeOffset() > previous);
    }

    private async Task<HttpResponseMessage> RetrainAsync(string model)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/models/{model}/retrain");
        request.Headers.Add("X-Api-Key", _apiKey);
        return await _silo.Http.SendAsync(request);
    }

    private async Task<JsonElement> WaitForOutcomeAfterAsync(string model, DateTimeOffset? previous)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var trainer = (await _silo.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/models/{model}", UriKind.Relative), deadline.Token)).GetProperty("trainer");
            if (trainer.GetProperty("lastOutcome") is { ValueKind: JsonValueKind.Object } outcome
                && (previous is null || outcome.GetProperty("finishedAt").GetDateTimeOffset() > previous))
            {
                Assert.False(trainer.GetProperty("training").GetBoolean());
                return outcome;
            }

            await Task.Delay(200, deadline.Token);
        }
    }
}
