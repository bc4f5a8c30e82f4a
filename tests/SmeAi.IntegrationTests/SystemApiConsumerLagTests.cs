using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Silo.Kafka;

namespace SmeAi.IntegrationTests;

/// <summary><c>GET /api/system</c> reports the consumer lag the Kafka provider's gauge measures, summed over partitions.</summary>
public sealed class SystemApiConsumerLagTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A partition's lag counts from its checkpoint, and offsets are committed <c>2 x Entities:FlushInterval</c>
    /// (here an hour) after delivery. So the group's offsets are committed at the start of the (external) topic before the
    /// silo starts; every reading produced afterwards is applied at once but stays uncommitted, so each one is lag.
    /// </summary>
    [Fact]
    public async Task The_system_answer_carries_the_total_consumer_lag_of_events_applied_but_not_yet_committed()
    {
        const string Group = "lag-test";
        await using var cluster = await PostgresSiloCluster.CreateAsync(
            "lag",
            new Dictionary<string, string> { ["Kafka:GroupId"] = Group, ["Entities:FlushInterval"] = "00:30:00", ["Simulator:Embedded:Enabled"] = "false" },
            [.. TopicNames.Inputs, .. TopicNames.Outputs]);
        CommitStart(cluster.Kafka.BootstrapServers, Group, TopicNames.Inputs);
        var silo = cluster.StartSilo();
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        string[] machines = [.. Enumerable.Range(0, 6).Select(i => $"m-lag-{i}")];
        const int PerMachine = 7;
        Produce(cluster.Kafka.BootstrapServers, machines, PerMachine);

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var machine in machines)
        {
            while ((await silo.Http.GetFromJsonAsync<JsonElement>(new Uri($"api/machines/{machine}", UriKind.Relative), deadline.Token)).GetProperty("eventsProcessed").GetInt64() < PerMachine)
            {
                await Task.Delay(200, deadline.Token);
            }
        }

        // The answer comes from the statistics each silo reports every 2 s: wait for a report made after the reads.
        var behind = machines.Length * PerMachine;
        long lag;
        while ((lag = (await silo.Http.GetFromJsonAsync<JsonElement>(new Uri("api/system", UriKind.Relative), deadline.Token)).GetProperty("consumerLag").GetInt64()) != behind)
        {
            await Task.Delay(200, deadline.Token);
        }

        Assert.Equal(behind, lag);
        Assert.Equal(behind, PrometheusText.Sum(await silo.Http.GetStringAsync(new Uri("metrics", UriKind.Relative), deadline.Token), "smeai_kafka_consumer_lag"));
    }

    [Fact]
    public void The_reader_sums_this_silos_lag_gauge_over_partitions_and_ignores_other_silos_and_instruments()
    {
        using var thisSilo = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherSilo = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = thisSilo.GetRequiredService<IMeterFactory>();
        long[] partitions = [5, 7];
        var meter = meters.Create("SmeAi.Streaming.Kafka");
        meter.CreateObservableGauge(ConsumerLagReader.LagInstrument, () => partitions.Select((lag, p) => new Measurement<long>(lag, new KeyValuePair<string, object?>("partition", p))));
        meter.CreateObservableGauge("smeai.kafka.cache.messages", () => new Measurement<long>(1000));
        otherSilo.GetRequiredService<IMeterFactory>().Create("SmeAi.Streaming.Kafka")
            .CreateObservableGauge(ConsumerLagReader.LagInstrument, () => new Measurement<long>(100));

        using var reader = new ConsumerLagReader(meters);

        Assert.Equal(12, reader.Read());
        partitions = [0, 3];
        Assert.Equal(3, reader.Read());
    }

    /// <summary>Commits offset 0 of every partition of <paramref name="topics"/> for <paramref name="group"/>, as an earlier run would have.</summary>
    private static void CommitStart(string bootstrap, string group, IEnumerable<string> topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group, EnableAutoCommit = false }).Build();
        var partitions = topics.SelectMany(topic => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartitionOffset(topic, p.PartitionId, 0))).ToList();
        consumer.Commit(partitions);
    }

    private static void Produce(string bootstrap, IEnumerable<string> machines, int count)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap }).Build();
        foreach (var machine in machines)
        {
            for (var i = 0; i < count; i++)
            {
                var reading = new MachineTelemetry(machine, Start.AddSeconds(i), MachineTelemetry.KindTelemetry, new Dictionary<string, double> { ["rpm"] = 1500 + i });
                producer.Produce(TopicNames.MachineTelemetry, new Message<string, byte[]> { Key = machine, Value = EventJson.SerializeToUtf8Bytes(reading) });
            }
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }
}
