using System.Net.Http.Json;
using System.Text;
using Confluent.Kafka;
using SmeAi.Abstractions;

namespace SmeAi.IntegrationTests;

/// <summary>Events produced by an outside Kafka client to the embedded broker reach the entity grains; bad ones reach the dead-letter topic.</summary>
public sealed class EmbeddedSiloStreamingTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task Events_of_each_input_topic_are_counted_by_the_grain_of_their_key_and_bad_ones_are_dead_lettered()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (machine, customer, subject) = ($"m-{suffix}", $"c-{suffix}", $"u-{suffix}");
        var bootstrap = (await Http.GetFromJsonAsync<SystemResponse>(new Uri("api/system", UriKind.Relative)))!.KafkaBootstrap;
        var rejectedBefore = await RejectedTelemetryAsync();
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            for (var i = 0; i < 5; i++)
            {
                await producer.ProduceAsync(TopicNames.MachineTelemetry, Message(machine,
                    $$$"""{"machineId":"{{{machine}}}","ts":"2026-12-04T10:00:0{{{i}}}Z","sensors":{"temperature":{{{70 + i}}}}}"""));
            }

            await producer.ProduceAsync(TopicNames.MachineTelemetry, Message(machine, """{"machineId":"oops" """));
            await producer.ProduceAsync(TopicNames.MachineTelemetry, Message(machine, """{"machineId":"someone-else","ts":"2026-12-04T10:00:09Z","sensors":{"t":1}}"""));
            await producer.ProduceAsync(TopicNames.CustomerEvents, Message(customer,
                $$"""{"customerId":"{{customer}}","ts":"2026-12-04T10:00:00Z","type":"purchase","amount":19.9}"""));
            await producer.ProduceAsync(TopicNames.SecurityEvents, Message(subject,
                $$"""{"subjectId":"{{subject}}","ts":"2026-12-04T10:00:00Z","type":"auth_failure","ip":"203.0.113.9","country":"DE"}"""));
        }

        Assert.Equal(5, await WaitForEventsAsync($"api/machines/{machine}", "machineId", machine, 5));
        Assert.Equal(1, await WaitForEventsAsync($"api/customers/{customer}", "customerId", customer, 1));
        Assert.Equal(1, await WaitForEventsAsync($"api/risk/{subject}", "subjectId", subject, 1));

        var reasons = ReadDeadLetterReasons(bootstrap, machine, expected: 2);
        Assert.Contains(reasons, r => r.StartsWith("invalid JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("is not the event's entity id", StringComparison.Ordinal));

        // The counter operators watch rises by exactly the two malformed events.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var rejected = await RejectedTelemetryAsync();
        while (rejected < rejectedBefore + 2 && !deadline.IsCancellationRequested)
        {
            await Task.Delay(200, CancellationToken.None);
            rejected = await RejectedTelemetryAsync();
        }

        Assert.Equal(rejectedBefore + 2, rejected);
    }

    /// <summary>Machine telemetry dead-lettered as rejected, from the silo's <c>/metrics</c>.</summary>
    private async Task<double> RejectedTelemetryAsync() => PrometheusText.Sum(
        await Http.GetStringAsync(new Uri("metrics", UriKind.Relative)),
        "smeai_kafka_events_deadlettered_total", ("kind", "rejected"), ("topic", TopicNames.MachineTelemetry));

    private static Message<string, string> Message(string key, string value) => new() { Key = key, Value = value };

    private async Task<long> WaitForEventsAsync(string path, string idProperty, string id, long expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Dictionary<string, object?>? last = null;
        while (!deadline.IsCancellationRequested)
        {
            last = await Http.GetFromJsonAsync<Dictionary<string, object?>>(new Uri(path, UriKind.Relative));
            Assert.Equal(id, last![idProperty]?.ToString());
            var count = long.Parse(last["eventsProcessed"]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
            if (count >= expected)
            {
                // Give redeliveries a moment to show up if dedupe were broken.
                await Task.Delay(500, CancellationToken.None);
                last = await Http.GetFromJsonAsync<Dictionary<string, object?>>(new Uri(path, UriKind.Relative));
                return long.Parse(last!["eventsProcessed"]!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
            }

            await Task.Delay(200, CancellationToken.None);
        }

        throw new TimeoutException($"{path} never reached {expected} events; last answer {string.Join(", ", last ?? [])}");
    }

    private static List<string> ReadDeadLetterReasons(string bootstrap, string key, int expected)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "dl-" + key, AutoOffsetReset = AutoOffsetReset.Earliest, FetchWaitMaxMs = 10 };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(TopicNames.DeadLetter);
        var reasons = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (reasons.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result?.Message.Key == key && result.Message.Headers.TryGetLastBytes("reason", out var reason))
            {
                reasons.Add(Encoding.UTF8.GetString(reason));
            }
        }

        return reasons;
    }
}
