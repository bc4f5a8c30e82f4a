using System.Text;
using System.Text.Json.Nodes;
using SmeAi.Abstractions.Events.Validation;

namespace SmeAi.Simulator.Tests;

internal static class Support
{
    /// <summary>Everything a consumer could observe of each event, as text, so two runs compare exactly.</summary>
    public static List<string> Fingerprint(IEnumerable<SimulatedEvent> events) =>
        [.. events.Select(e => $"{e.Topic}|{e.Key}|{e.TruthId}|{Encoding.UTF8.GetString(EventJson.SerializeToUtf8Bytes(e.Event))}")];

    /// <summary>Area under the ROC curve: the chance a random positive scores above a random negative (ties count half).</summary>
    public static double RocAuc(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        Assert.NotEmpty(positives);
        Assert.NotEmpty(negatives);
        var wins = 0.0;
        foreach (var p in positives)
        {
            foreach (var n in negatives)
            {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }

        return wins / (positives.Count * (double)negatives.Count);
    }

    public static void AssertValidAndOrdered(IReadOnlyList<SimulatedEvent> events, DateTimeOffset start, DateTimeOffset end)
    {
        Assert.NotEmpty(events);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            Assert.True(EventValidator.Validate(e.Event) is null, $"event {i} ({e.Topic}, {e.Key}) is invalid: {EventValidator.Validate(e.Event)}");
            Assert.Equal(e.Key, e.Event.EntityId);
            Assert.Equal(EventJson.EventTypeOf(e.Topic), e.Event.GetType());
            Assert.InRange(e.Event.Ts, start, end - TimeSpan.FromTicks(1));
            if (i > 0)
            {
                Assert.True(events[i - 1].Event.Ts <= e.Event.Ts, $"event {i} at {e.Event.Ts:O} comes after one at {events[i - 1].Event.Ts:O}");
            }
        }
    }

    /// <summary>A sample survives the trip through JSON with the shared options.</summary>
    public static void AssertJsonRoundTrips(IReadOnlyList<SimulatedEvent> events, int every)
    {
        for (var i = 0; i < events.Count; i += every)
        {
            var json = EventJson.SerializeToUtf8Bytes(events[i].Event);
            Assert.True(EventJson.TryDeserialize(events[i].Topic, json, out var back, out var reason), reason);
            // Compared as JSON, not as bytes: member order carries no meaning, and decoded readings list their sensors sorted.
            var again = EventJson.SerializeToUtf8Bytes(back);
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(again)),
                $"{Encoding.UTF8.GetString(json)} came back as {Encoding.UTF8.GetString(again)}");
        }
    }
}
