using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;

namespace SmeAi.IntegrationTests;

/// <summary>
/// Right to erasure on the embedded silo: <c>DELETE</c> with the API key erases a customer's state and a machine's stored
/// alert and answers with what it removed, and a later event does not bring the erased events back; without the key
/// nothing is erased.
/// </summary>
public sealed class EmbeddedSiloErasureTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Deleting_a_customer_with_the_key_erases_its_events_and_without_the_key_answers_401()
    {
        var customer = "c-erase-" + Guid.NewGuid().ToString("N")[..8];
        const int Events = 12;
        await ProduceAsync(TopicNames.CustomerEvents, customer, Enumerable.Range(0, Events).Select(i =>
            EventJson.SerializeToUtf8Bytes(new CustomerEvent(customer, Start.AddMinutes(i), i % 3 == 0 ? "purchase" : "login", i % 3 == 0 ? 20 : null, null))));
        await WaitForEventsAsync($"api/customers/{customer}", Events);

        using var unkeyed = await fixture.Silo.Http.DeleteAsync(new Uri($"api/customers/{customer}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        Assert.Equal(Events, (await GetStateAsync($"api/customers/{customer}")).EventsProcessed);

        using var erased = await DeleteWithKeyAsync($"api/customers/{customer}");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var answer = (await erased.Content.ReadFromJsonAsync<ErasureAnswer>(EventJson.Options))!;
        Assert.Equal((customer, true, true, Events, 0), (answer.EntityId, answer.Found, answer.StateCleared, answer.EventsForgotten, answer.AlertsRemoved));
        Assert.Equal(0, (await GetStateAsync($"api/customers/{customer}")).EventsProcessed);

        // A later event starts a new customer; the erased events still on the topic are not replayed into it.
        await ProduceAsync(TopicNames.CustomerEvents, customer, [EventJson.SerializeToUtf8Bytes(new CustomerEvent(customer, Start.AddHours(2), "login", null, null))]);
        await WaitForEventsAsync($"api/customers/{customer}", 1);
        Assert.Equal(1, (await GetStateAsync($"api/customers/{customer}")).EventsProcessed);
    }

    [Fact]
    public async Task Deleting_a_machine_removes_its_stored_alert_and_a_bad_id_answers_400()
    {
        var machine = "m-erase-" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(3);
        const int Readings = 125;
        await ProduceAsync(TopicNames.MachineTelemetry, machine, Enumerable.Range(0, Readings).Select(i =>
            EventJson.SerializeToUtf8Bytes(new MachineTelemetry(machine, Start.AddSeconds(i), MachineTelemetry.KindTelemetry,
                new Dictionary<string, double> { ["erase_pressure"] = (i < 120 ? 4.0 : 9.0) + (random.NextDouble() * 0.05), ["rpm"] = 1500 + random.NextDouble() }))));
        await WaitForEventsAsync($"api/machines/{machine}", Readings);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while ((await AlertsOfAsync(machine)).Count == 0)
            {
                await Task.Delay(200, deadline.Token);
            }
        }

        using var erased = await DeleteWithKeyAsync($"api/machines/{machine}");
        var answer = (await erased.Content.ReadFromJsonAsync<ErasureAnswer>(EventJson.Options))!;
        using var badId = await DeleteWithKeyAsync("api/machines/" + new string('x', 129));

        Assert.Equal((Readings, 1), (answer.EventsForgotten, answer.AlertsRemoved));
        Assert.Empty(await AlertsOfAsync(machine));
        Assert.Equal(0, (await GetStateAsync($"api/machines/{machine}")).EventsProcessed);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }

    private async Task ProduceAsync(string topic, string key, IEnumerable<byte[]> values)
    {
        var bootstrap = (await fixture.Silo.Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative)))!.KafkaBootstrap;
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5 }).Build();
        foreach (var value in values)
        {
            producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = value });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }

    private async Task WaitForEventsAsync(string path, long events)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await GetStateAsync(path)).EventsProcessed < events)
        {
            await Task.Delay(200, deadline.Token);
        }
    }

    private async Task<EntityState> GetStateAsync(string path) =>
        (await fixture.Silo.Http.GetFromJsonAsync<EntityState>(new Uri(path, UriKind.Relative), EventJson.Options))!;

    private async Task<IReadOnlyList<Alert>> AlertsOfAsync(string entityId)
    {
        var alerts = await fixture.Silo.Http.GetFromJsonAsync<List<Alert>>(new Uri("api/alerts?domain=equipment&limit=1000", UriKind.Relative), EventJson.Options);
        return [.. alerts!.Where(a => a.EntityId == entityId)];
    }

    private async Task<HttpResponseMessage> DeleteWithKeyAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", fixture.ApiKey);
        return await fixture.Silo.Http.SendAsync(request);
    }

    private sealed record EntityState(long EventsProcessed);

    private sealed record ErasureAnswer(string EntityId, bool Found, bool StateCleared, long EventsForgotten, int AlertsRemoved, int TrainingSamplesRemoved);
}
