using Orleans.Streams;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Entities;
using SmeAi.Abstractions.Events;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>
/// Security events with numeric features but no ip, country or device are scored with the model of their feature set;
/// events that say where and from what (the simulator's, with a duration feature) keep the habit model.
/// </summary>
[Collection(TwoSiloClusterDefinition.Name)]
public sealed class SecurityFeatureSetTests(TwoSiloClusterFixture cluster)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sensor_records_go_to_the_model_of_their_feature_set_and_events_with_a_place_and_device_to_the_habit_model()
    {
        var subjectId = "sensor-" + Guid.NewGuid().ToString("N")[..8];
        var stream = cluster.Cluster.Client.GetStreamProvider(StreamNames.KafkaProvider)
            .GetStream<SecurityEvent>(StreamId.Create(StreamNames.SecurityEvents, subjectId));
        for (var i = 0; i < 5; i++)
        {
            await stream.OnNextAsync(new SecurityEvent(subjectId, Start.AddSeconds(i), "connection", null, null, null, 100, "http",
                new Dictionary<string, double> { ["src_bytes"] = 100 + i, ["duration"] = i }));
        }

        await stream.OnNextAsync(new SecurityEvent(subjectId, Start.AddSeconds(5), "auth_success", "203.0.113.9", "DE", "laptop-3", null, "crm", null));
        await stream.OnNextAsync(new SecurityEvent(subjectId, Start.AddSeconds(6), "connection", "203.0.113.9", "DE", "laptop-3", 10, "crm",
            new Dictionary<string, double> { ["duration"] = 3 }));
        await WaitForEventsAsync(subjectId, 7);

        var scores = RecordingOutputSink.Shared.ScoresOf(subjectId).OrderBy(s => s.Ts).ToList();
        var featureSetModel = MachineModelNames.ForFeatureSet(RiskMonitorGrain.FeatureSetModelPrefix, ["duration", "src_bytes"]);
        Assert.Equal([.. Enumerable.Repeat(featureSetModel, 5), RiskMonitorGrain.ModelName, RiskMonitorGrain.ModelName], scores.Select(s => s.ModelName));
        Assert.NotEqual(featureSetModel, MachineModelNames.ForFeatureSet(RiskMonitorGrain.FeatureSetModelPrefix, ["duration", "dst_bytes"]));
    }

    private async Task WaitForEventsAsync(string subjectId, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await cluster.Grains.GetGrain<IRiskMonitorGrain>(subjectId).GetSnapshotAsync()).EventsProcessed < count)
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
