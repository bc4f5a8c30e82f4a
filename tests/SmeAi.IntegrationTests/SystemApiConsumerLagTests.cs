using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeAi.Silo.Kafka;

namespace SmeAi.IntegrationTests;

/// <summary><c>GET /api/system</c> reports the consumer lag the Kafka provider's gauge measures, summed over partitions.</summary>
public sealed class SystemApiConsumerLagTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task The_system_answer_carries_the_total_consumer_lag()
    {
        var system = await fixture.Silo.Http.GetFromJsonAsync<JsonElement>(new Uri("api/system", UriKind.Relative));

        Assert.Equal(JsonValueKind.Number, system.GetProperty("consumerLag").ValueKind);
        Assert.True(system.GetProperty("consumerLag").GetInt64() >= 0, system.ToString());
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
}
