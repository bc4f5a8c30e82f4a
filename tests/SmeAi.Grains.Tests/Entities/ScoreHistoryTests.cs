using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

public sealed class ScoreHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public void A_few_scores_come_back_in_order_with_their_times_offsets_and_versions()
    {
        var history = new ScoreHistory();

        Record(history, 3);

        var points = history.ToList();
        Assert.Equal([0.0, 0.01, 0.02], points.Select(p => p.Score));
        Assert.Equal([1, 2, 3], points.Select(p => p.ModelVersion));
        Assert.Equal([Start, Start.AddMinutes(1), Start.AddMinutes(2)], points.Select(p => p.Ts));
        Assert.All(points, p => Assert.Equal(TimeSpan.FromHours(2), p.Ts.Offset));
        Assert.True(history.Slots.Length < ScoreHistory.Capacity, $"{history.Slots.Length} slots for 3 scores");
    }

    [Fact]
    public void Past_its_capacity_it_keeps_the_latest_scores_oldest_first_in_a_fixed_array()
    {
        var history = new ScoreHistory();

        Record(history, 123);

        var points = history.ToList();
        Assert.Equal(ScoreHistory.Capacity, points.Count);
        Assert.Equal(Enumerable.Range(123 - ScoreHistory.Capacity, ScoreHistory.Capacity).Select(i => i + 1), points.Select(p => p.ModelVersion));
        Assert.Equal(Start.AddMinutes(122), points[^1].Ts);
        Assert.Equal(ScoreHistory.Capacity, history.Slots.Length);
    }

    [Fact]
    public void A_wrapped_history_reads_back_the_same_after_serialization_in_the_grain_state()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var state = new EntityStreamState();
        for (var i = 0; i < ScoreHistory.Capacity + 7; i++)
        {
            state.RecordScore(Start.AddSeconds(i), i / 100.0, "equipment-anomaly-x", i);
        }

        var copy = serializer.Deserialize<EntityStreamState>(serializer.SerializeToArray(state))!;

        Assert.Equal(7, copy.RecentScores.Start);
        Assert.Equal(state.LatestScores(), copy.LatestScores());
    }

    [Fact]
    public void A_state_written_with_the_old_list_of_recent_scores_reads_back_with_everything_else_and_no_recent_scores()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var written = new StateWithScoreList
        {
            EventsProcessed = 7,
            LastOffsets = new() { [3] = 41 },
            RecentScores = [new(Start, 0.25, 2), new(Start.AddMinutes(1), 0.5, 2)],
            ModelName = "equipment-anomaly-x",
        };

        // Written as its own type, the payload names no type, so it reads back as the state type does today.
        var read = serializer.Deserialize<EntityStreamState>(serializer.SerializeToArray(written))!;

        Assert.Equal(7, read.EventsProcessed);
        Assert.Equal(41, read.LastOffsets[3]);
        Assert.Equal("equipment-anomaly-x", read.ModelName);
        Assert.Empty(read.LatestScores());
    }

    private static void Record(ScoreHistory history, int count)
    {
        for (var i = 0; i < count; i++)
        {
            history.Add(Start.AddMinutes(i), i / 100.0, i + 1);
        }
    }

    /// <summary>The fields of the entity state as written before recent scores became a ring (id 6 was a list).</summary>
    [GenerateSerializer]
    public sealed class StateWithScoreList
    {
        [Id(0)]
        public long EventsProcessed { get; set; }

        [Id(2)]
        public Dictionary<int, long> LastOffsets { get; set; } = [];

        [Id(4)]
        public string? ModelName { get; set; }

        [Id(6)]
        public List<SmeAi.Abstractions.Entities.ScorePoint> RecentScores { get; set; } = [];
    }
}
