using SmeAi.Abstractions.Models;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Models;
using SmeAi.ML.Inference;

namespace SmeAi.Grains.Tests.Training;

[Collection(TwoSiloClusterDefinition.Name)]
public sealed class TrainerGrainTests(TwoSiloClusterFixture cluster)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Enough_samples_train_and_promote_a_first_version_that_every_silo_scores_with()
    {
        var name = "anomaly-" + Guid.NewGuid().ToString("N")[..8];
        var trainer = cluster.Grains.GetGrain<ITrainerGrain>(name);

        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(400, seed: 7, Start));
        var status = await trainer.WaitForOutcomeAsync();

        Assert.True(status.LastOutcome!.Promoted, status.LastOutcome.Detail);
        Assert.Equal(1, (await cluster.Grains.GetGrain<IModelGrain>(name).DescribeAsync()).CurrentVersion);
        var random = new Random(99);
        foreach (var silo in new[] { 0, 1 })
        {
            var scorer = await cluster.SiloService<ModelCache>(silo).LoadAsync(name);
            Assert.NotNull(scorer);
            Assert.True(scorer.Score(SyntheticRows.Anomaly(random)).Score > 0.99f);
            Assert.True(scorer.Score(SyntheticRows.Normal(random)).Score < 0.99f);
        }
    }

    [Fact]
    public async Task Event_time_moving_past_the_schedule_retrains_and_on_demand_retraining_reports_its_outcome()
    {
        var name = "anomaly-" + Guid.NewGuid().ToString("N")[..8];
        var trainer = cluster.Grains.GetGrain<ITrainerGrain>(name);
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(400, seed: 8, Start));
        var first = await trainer.WaitForOutcomeAsync();

        // The first batch spans 400 minutes; two hours after its end (the schedule is one hour) the next batch retrains.
        await trainer.AddSamplesAsync(SyntheticRows.NormalBatch(100, seed: 9, Start.AddMinutes(400).AddHours(2)));
        var second = await trainer.WaitForOutcomeAsync(after: first.LastOutcome!.FinishedAt);
        var manual = await trainer.RetrainAsync("operator asked");

        Assert.Equal("event-time schedule", second.LastOutcome!.Reason);
        Assert.True(second.LastOutcome.Published);
        Assert.Equal("operator asked", manual.Reason);
        Assert.True(manual.Published);
        Assert.Equal(3, (await cluster.Grains.GetGrain<IModelGrain>(name).DescribeAsync()).Versions.Count);
    }

    [Fact]
    public async Task Labels_turn_an_entitys_recent_samples_positive_for_a_classifier()
    {
        var name = "test-classifier-" + Guid.NewGuid().ToString("N")[..8];
        var trainer = cluster.Grains.GetGrain<ITrainerGrain>(name);
        var random = new Random(5);
        var samples = Enumerable.Range(0, 360).Select(i =>
        {
            var churner = i % 4 == 0;
            return new TrainingSample($"c-{i}", Start.AddMinutes(i), churner ? SyntheticRows.Anomaly(random) : SyntheticRows.Normal(random));
        }).ToList();

        // Below the minimum first, so the labels arrive before the first training.
        await trainer.AddSamplesAsync(new TrainingBatch(SyntheticRows.FeatureNames, samples[..299]));
        foreach (var churner in samples[..299].Where((_, i) => i % 4 == 0))
        {
            await trainer.AddLabelAsync(churner.EntityId, churner.Ts.AddDays(1));
        }

        // One-way messages may overtake each other; labels apply to rows that arrive before or after them.
        var before = await trainer.WaitForStatusAsync(s => s.Samples == 299 && s.PositiveSamples == 75);
        await trainer.AddSamplesAsync(new TrainingBatch(SyntheticRows.FeatureNames, samples[299..]));
        var status = await trainer.WaitForOutcomeAsync();

        // The labels really did arrive before any training, and they marked only the labelled entities' rows.
        Assert.Null(before.LastOutcome);
        Assert.Equal((75, 360), (status.PositiveSamples, status.Samples));
        Assert.True(status.LastOutcome!.Published, status.LastOutcome.Detail);
        var scorer = await cluster.SiloService<ModelCache>(0).LoadAsync(name);
        Assert.NotNull(scorer);
        Assert.True(scorer.Score(SyntheticRows.Anomaly(random)).Score > scorer.Score(SyntheticRows.Normal(random)).Score);
    }

    [Fact]
    public async Task A_classifier_refused_for_too_few_positives_trains_once_labels_bring_enough()
    {
        var name = "test-classifier-" + Guid.NewGuid().ToString("N")[..8];
        var trainer = cluster.Grains.GetGrain<ITrainerGrain>(name);
        var random = new Random(6);
        var samples = Enumerable.Range(0, 360).Select(i =>
            new TrainingSample($"c-{i}", Start.AddMinutes(i), i % 4 == 0 ? SyntheticRows.Anomaly(random) : SyntheticRows.Normal(random))).ToList();

        // Past the minimum in one batch, before any label: the first-data training has no positives to learn from.
        await trainer.AddSamplesAsync(new TrainingBatch(SyntheticRows.FeatureNames, samples));
        var refused = (await trainer.WaitForOutcomeAsync()).LastOutcome!;
        Assert.False(refused.Published);
        Assert.Contains("TooLittleData", refused.Detail, StringComparison.Ordinal);

        // The cancellations come later and move no event time: no schedule would train again, the labels do.
        foreach (var churner in samples.Where((_, i) => i % 4 == 0))
        {
            await trainer.AddLabelAsync(churner.EntityId, churner.Ts.AddDays(1));
        }

        // Until a retry publishes: one started before the last labels were in may still find a slice short of a class.
        var retried = await trainer.WaitForStatusAsync(s => s.LastOutcome is { Published: true } && !s.Training);

        Assert.Equal("labels after too few to train", retried.LastOutcome!.Reason);
        Assert.True(retried.LastOutcome.Published, retried.LastOutcome.Detail);
        Assert.Equal(360, retried.Samples);
        Assert.Equal(1, (await cluster.Grains.GetGrain<IModelGrain>(name).DescribeAsync()).CurrentVersion);
    }
}
