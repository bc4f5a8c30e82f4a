using SmeAi.Abstractions.Training;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Training;

public sealed class SampleReservoirTests
{
    private const int Capacity = 500;
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(2);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ulong Seed = RowPriority.SeedFor(42, "anomaly-test");

    [Fact]
    public void The_same_rows_offered_in_another_order_and_other_batches_give_the_same_sample()
    {
        var samples = Samples(5_000, seed: 3);
        var random = new Random(11);
        var shuffled = samples.OrderBy(_ => random.Next()).ToList();

        var inOrder = Offer(samples, batch: 25);
        var outOfOrder = Offer(shuffled, batch: 7);

        Assert.Equal(5_000, outOfOrder.Seen);
        Assert.Equal(Capacity, inOrder.Rows.Count);
        Assert.Equal(Describe(inOrder), Describe(outOfOrder));
    }

    [Fact]
    public void Labels_mark_the_same_rows_whether_they_come_before_or_after_the_rows()
    {
        var samples = Samples(3_000, seed: 4);
        var labelAt = samples[1_500].Ts;
        var labelFirst = new SampleReservoir();
        labelFirst.Label("m-3", labelAt, Horizon);
        Offer(labelFirst, samples.AsEnumerable().Reverse());
        var labelLast = Offer(samples, batch: 25);
        labelLast.Label("m-3", labelAt, Horizon);

        Assert.Contains(labelLast.Rows, r => r.Positive);
        Assert.Equal(Describe(labelLast), Describe(labelFirst));
    }

    [Fact]
    public void A_reservoir_read_back_from_storage_goes_on_sampling_as_the_one_that_stayed_in_memory()
    {
        var samples = Samples(4_000, seed: 5);
        var stayed = Offer(samples, batch: 25);
        var first = Offer(samples.Take(2_000), batch: 25);
        var readBack = new SampleReservoir { Rows = [.. first.Rows], Seen = first.Seen, FeatureNames = [.. first.FeatureNames] };
        Offer(readBack, samples.Skip(2_000));

        Assert.Equal(Describe(stayed), Describe(readBack));
    }

    [Fact]
    public void The_sample_is_spread_evenly_over_everything_offered()
    {
        // Rows that differ only in time and value: an order-free sample must not favour the early or the late ones.
        var reservoir = Offer(Samples(20_000, seed: 6), batch: 25);

        var early = reservoir.Rows.Count(r => r.Ts < Start.AddMinutes(10_000)) / (double)reservoir.Rows.Count;
        // 500 of 20,000 drawn uniformly: the early share has a standard deviation of about 0.022.
        Assert.InRange(early, 0.42, 0.58);
        var entities = reservoir.Rows.GroupBy(r => r.EntityId).Select(g => g.Count()).ToList();
        Assert.Equal(20, entities.Count);
        Assert.All(entities, n => Assert.InRange(n, 8, 45));
    }

    [Fact]
    public void Another_model_seed_keeps_another_sample_and_exact_duplicates_fill_slots_alike()
    {
        var samples = Samples(2_000, seed: 7);
        var duplicated = samples.Concat(samples).ToList();
        var other = new SampleReservoir();
        foreach (var sample in samples)
        {
            other.Offer(sample, Capacity, Horizon, RowPriority.SeedFor(42, "anomaly-other"));
        }

        var once = Offer(duplicated, batch: 25);
        var twice = Offer(duplicated.AsEnumerable().Reverse(), batch: 3);

        Assert.Equal(Describe(once), Describe(twice));
        Assert.NotEqual(Describe(Offer(samples, batch: 25)), Describe(other));
    }

    [Fact]
    public void Forgetting_an_entity_removes_its_rows_and_later_offers_still_keep_the_smallest_priorities()
    {
        var samples = Samples(3_000, seed: 8);
        var reservoir = Offer(samples.Take(1_500), batch: 25);

        var removed = reservoir.Forget("m-1");
        Offer(reservoir, samples.Skip(1_500).Where(s => s.EntityId != "m-1"));

        Assert.True(removed > 0);
        Assert.DoesNotContain(reservoir.Rows, r => r.EntityId == "m-1");
        Assert.Equal(Capacity, reservoir.Rows.Count);
        var kept = reservoir.Rows.Select(Priority).ToHashSet();
        var largestKept = kept.Max();
        // Every later row not kept ranks above every kept one.
        Assert.All(samples.Skip(1_500).Where(s => s.EntityId != "m-1"), s => Assert.True(kept.Contains(Priority(s)) || Priority(s) > largestKept));
    }

    [Fact]
    public void Rows_above_an_earlier_bound_are_rows_it_would_drop_so_filtering_by_it_keeps_the_same_sample()
    {
        var samples = Samples(6_000, seed: 6);
        var everyRow = Offer(samples, batch: 25);
        var filtered = new SampleReservoir { FeatureNames = [.. SyntheticRows.FeatureNames] };
        var bound = ulong.MaxValue;
        var dropped = 0;
        foreach (var (sample, index) in samples.Select((s, i) => (s, i)))
        {
            // The bound is taken now and then, as the entity grains' copy is, so it often lags behind the reservoir.
            if (index % 400 == 0)
            {
                bound = filtered.MaxKeptPriority(Capacity, Seed);
            }

            if (Priority(sample) > bound)
            {
                dropped++;
                continue;
            }

            filtered.Offer(sample, Capacity, Horizon, Seed);
        }

        Assert.Equal(ulong.MaxValue, new SampleReservoir().MaxKeptPriority(Capacity, Seed));
        Assert.Equal(everyRow.Rows.Max(Priority), everyRow.MaxKeptPriority(Capacity, Seed));
        Assert.True(dropped > samples.Count / 2, $"only {dropped} rows were above the bound");
        Assert.Equal(Describe(everyRow), Describe(filtered));
    }

    private static ulong Priority(ReservoirRow row) => RowPriority.Of(Seed, row.EntityId, row.Ts, row.Values);

    private static ulong Priority(TrainingSample sample) => RowPriority.Of(Seed, sample.EntityId, sample.Ts, sample.Values);

    private static List<TrainingSample> Samples(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new TrainingSample($"m-{i % 20}", Start.AddMinutes(i), SyntheticRows.Normal(random)))];
    }

    private static SampleReservoir Offer(IEnumerable<TrainingSample> samples, int batch)
    {
        var reservoir = new SampleReservoir { FeatureNames = [.. SyntheticRows.FeatureNames] };
        foreach (var chunk in samples.Chunk(batch))
        {
            Offer(reservoir, chunk);
        }

        return reservoir;
    }

    private static SampleReservoir Offer(SampleReservoir reservoir, IEnumerable<TrainingSample> samples)
    {
        foreach (var sample in samples)
        {
            reservoir.Offer(sample, Capacity, Horizon, Seed);
        }

        return reservoir;
    }

    private static List<string> Describe(SampleReservoir reservoir) =>
        [.. reservoir.RowsInStableOrder().Select(r => $"{r.EntityId} {r.Ts.UtcTicks} {string.Join(',', r.Values)} {r.Positive}")];
}
