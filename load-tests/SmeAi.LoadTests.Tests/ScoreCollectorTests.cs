using System.Text.Json;
using Confluent.Kafka;
using HdrHistogram;
using Microsoft.Extensions.Time.Testing;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;
using SmeAi.LoadTests.Pipeline;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.LoadTests.Tests;

/// <summary>
/// The harness's reading of <c>smeai-scores</c>, fed with score records written here as the silo writes them
/// (camelCase JSON): duplicates are dropped by source (partition, offset), gaps count as missing, latency is recorded.
/// </summary>
public sealed class ScoreCollectorTests
{
    [Fact]
    public async Task Collector_dedupes_by_source_offset_counts_gaps_and_records_latency()
    {
        await using var broker = new EmbeddedKafkaBroker(new EmbeddedKafkaBrokerOptions
        {
            Topics = { new EmbeddedKafkaTopicOptions { Name = TopicNames.Scores, Partitions = 2 } },
        });
        var clock = new RunClock();
        // Time stands still for the collector: every record arrives exactly 30 ms after its event's ts.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        using var collector = new ScoreCollector(broker.BootstrapServers, clock, time, scorePartitions: 2);
        var ts = time.GetUtcNow().AddMilliseconds(-30);
        // Source partition 0: offsets 0..9 with 3 repeated; partition 1: offsets 0..9 without 7.
        var sources = Enumerable.Range(0, 10).Select(o => (Partition: 0, Offset: (long)o)).Append((0, 3))
            .Concat(Enumerable.Range(0, 10).Where(o => o != 7).Select(o => (Partition: 1, Offset: (long)o)));
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            foreach (var (partition, offset) in sources)
            {
                var record = new ScoreRecord("equipment", $"m-{offset}", ts, 0.2, "equipment-anomaly-x", 1, "low", false, partition, offset);
                producer.Produce(TopicNames.Scores, new Message<string, byte[]> { Key = record.EntityId, Value = JsonSerializer.SerializeToUtf8Bytes(record, EventJson.Options) });
            }

            producer.Flush(TimeSpan.FromSeconds(10));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (collector.Distinct + collector.Duplicates < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(19, collector.Distinct);
        Assert.Equal(1, collector.Duplicates);
        Assert.Equal(0, collector.Unreadable);
        Assert.Equal(0, collector.CountMissing(0, 0, 10));
        Assert.Equal(1, collector.CountMissing(1, 0, 10));
        Assert.Equal(5, collector.CountMissing(2, 0, 5));
        var latency = collector.Window(0, RunClock.SecondOf(clock.Elapsed) + 1);
        Assert.Equal(19, latency.TotalCount);
        // Latency is measured from the event's ts, in microseconds (compared at the histogram's resolution).
        Assert.Equal(latency.HighestEquivalentValue(30_000), latency.GetValueAtPercentile(0));
        Assert.Equal(latency.HighestEquivalentValue(30_000), latency.GetMaxValue());
        Assert.NotNull(collector.FirstSeen(1));
        Assert.Null(collector.FirstSeen(2));
    }
}
