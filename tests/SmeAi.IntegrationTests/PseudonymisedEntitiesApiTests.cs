using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>
/// Right to erasure with <c>Privacy:PseudonymisationKey</c> set: the data subject gives the raw id, the platform keeps the
/// pseudonym; <c>DELETE</c> erases the pseudonym's entity and says whether there was one.
/// </summary>
public sealed class PseudonymisedEntitiesApiTests : IAsyncLifetime
{
    private const string Key = "pseudonymised-entities-api-test-key-0123456789";
    private SiloProcess _silo = null!;
    private string _apiKey = "";

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartHealthyAsync(new Dictionary<string, string>
        {
            ["Privacy:PseudonymisationKey"] = Key,
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
    public async Task Erasing_by_the_raw_id_erases_the_pseudonymous_entity_and_a_second_erasure_finds_nothing()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (customer, subject) = ($"c-{suffix}", $"u-{suffix}");
        var bootstrap = (await _silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative)))!.KafkaBootstrap;
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            for (var i = 0; i < 4; i++)
            {
                await producer.ProduceAsync(TopicNames.CustomerEvents, new Message<string, string>
                {
                    Key = customer,
                    Value = $$$"""{"customerId":"{{{customer}}}","ts":"2026-12-04T10:0{{{i}}}:00Z","type":"login"}""",
                });
            }

            await producer.ProduceAsync(TopicNames.SecurityEvents, new Message<string, string>
            {
                Key = subject,
                Value = $$"""{"subjectId":"{{subject}}","ts":"2026-12-04T10:00:00Z","type":"auth_failure","ip":"203.0.113.9","country":"DE"}""",
            });
        }

        await WaitForEventsAsync($"api/customers/{customer}", 4);
        await WaitForEventsAsync($"api/risk/{subject}", 1);

        // The data subject's raw id.
        var erased = await DeleteAsync($"api/customers/{customer}");
        Assert.Equal((Pseudonym(customer), true, true, 4), (erased.GetProperty("entityId").GetString(), erased.GetProperty("found").GetBoolean(), erased.GetProperty("stateCleared").GetBoolean(), erased.GetProperty("eventsForgotten").GetInt64()));
        var after = await _silo.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/customers/{customer}", UriKind.Relative));
        Assert.False(after.GetProperty("found").GetBoolean());

        var again = await DeleteAsync($"api/customers/{customer}");
        Assert.Equal((false, false, 0), (again.GetProperty("found").GetBoolean(), again.GetProperty("stateCleared").GetBoolean(), again.GetProperty("eventsForgotten").GetInt64()));

        // A pseudonym (as alerts and scores show it) is taken as it is, not pseudonymised a second time.
        var bySubjectPseudonym = await DeleteAsync($"api/risk/{Pseudonym(subject)}");
        Assert.Equal((Pseudonym(subject), true, 1), (bySubjectPseudonym.GetProperty("entityId").GetString(), bySubjectPseudonym.GetProperty("found").GetBoolean(), bySubjectPseudonym.GetProperty("eventsForgotten").GetInt64()));
    }

    private static string Pseudonym(string id) =>
        "p-" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes("id:" + id)))[..32];

    private async Task<JsonElement> DeleteAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", _apiKey);
        using var response = await _silo.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task WaitForEventsAsync(string path, long expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        JsonElement last = default;
        while (!deadline.IsCancellationRequested)
        {
            last = await _silo.Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), CancellationToken.None);
            if (last.GetProperty("eventsProcessed").GetInt64() >= expected)
            {
                return;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{path} never reached {expected} events; last answer {last}"));
    }
}
