using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Testing;

namespace SmeAi.IntegrationTests;

/// <summary>A silo with <c>Privacy:PseudonymisationKey</c> set keeps events under the pseudonym of their id, never the raw id.</summary>
public sealed class PseudonymisationTests
{
    private const string Key = "integration-test-pseudonymisation-key-0123456789";

    [Fact]
    public async Task Events_are_kept_under_the_pseudonym_of_their_id_and_the_api_answers_with_it_only()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Privacy:PseudonymisationKey"] = Key,
            ["Simulator:Embedded:Enabled"] = "false",
        });
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (machine, subject) = ($"m-{suffix}", $"u-{suffix}");
        var bootstrap = (await silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative)))!.KafkaBootstrap;
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            for (var i = 0; i < 5; i++)
            {
                await producer.ProduceAsync(TopicNames.MachineTelemetry, new Message<string, string>
                {
                    Key = machine,
                    Value = $$$"""{"machineId":"{{{machine}}}","ts":"2026-12-04T10:00:0{{{i}}}Z","sensors":{"temperature":{{{70 + i}}}}}""",
                });
            }

            await producer.ProduceAsync(TopicNames.SecurityEvents, new Message<string, string>
            {
                Key = subject,
                Value = $$"""{"subjectId":"{{subject}}","ts":"2026-12-04T10:00:00Z","type":"auth_failure","ip":"203.0.113.9","country":"DE"}""",
            });
        }

        var pseudonym = Pseudonym(machine);
        var pseudonymous = await WaitForEventsAsync(silo, $"api/machines/{pseudonym}", 5);
        Assert.Equal(pseudonym, pseudonymous.GetProperty("machineId").GetString());
        Assert.Equal(5, pseudonymous.GetProperty("eventsProcessed").GetInt64());
        Assert.Equal(1, (await WaitForEventsAsync(silo, $"api/risk/{Pseudonym(subject)}", 1)).GetProperty("eventsProcessed").GetInt64());

        // Asked by its raw id, the API looks the entity up under its pseudonym too and never answers with the raw id.
        var raw = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/machines/{machine}", UriKind.Relative));
        Assert.Equal((pseudonym, 5), (raw.GetProperty("machineId").GetString(), raw.GetProperty("eventsProcessed").GetInt64()));
        Assert.DoesNotContain(machine, raw.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, silo.Output, StringComparison.Ordinal);
    }

    /// <summary>The documented formula: "p-" and the first 32 hex digits of HMAC-SHA256(key, "id:" + id).</summary>
    private static string Pseudonym(string id) =>
        "p-" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes("id:" + id)))[..32];

    private static async Task<JsonElement> WaitForEventsAsync(SiloProcess silo, string path, long expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        JsonElement last = default;
        while (!deadline.IsCancellationRequested)
        {
            last = await silo.Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
            if (last.GetProperty("eventsProcessed").GetInt64() >= expected)
            {
                return last;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{path} never reached {expected} events; last answer {last}"));
    }
}
