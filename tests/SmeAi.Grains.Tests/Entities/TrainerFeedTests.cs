using Microsoft.Extensions.Logging.Abstractions;
using SmeAi.Abstractions.Training;
using SmeAi.Grains.Entities;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Entities;

/// <summary>
/// A feed's rows and live scores reach the trainer of the model that scored them, also when an entity alternates
/// between two models (a risk monitor whose events are sometimes connection records, a machine whose sensors change),
/// and each batch of live scores names the one version that gave them.
/// </summary>
public sealed class TrainerFeedTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Names = ["a", "b"];

    private readonly RecordingTrainers _trainers = new();
    private readonly TrainerFeed _feed;

    public TrainerFeedTests()
    {
        var filters = new TrainerSampleFilters(_trainers.Factory, TimeProvider.System, NullLogger<TrainerSampleFilters>.Instance);
        _feed = new TrainerFeed(_trainers.Factory, new TrainerTraffic(SiloStopSignal.Never), filters);
    }

    [Fact]
    public async Task Scores_queued_for_one_model_go_to_its_trainer_when_the_entity_switches_to_another()
    {
        await SampleAsync("model-a", 0, 10, score: 0.1f);
        await SampleAsync("model-b", 10, TrainerFeed.BatchSize + 5, score: 0.9f);

        Assert.Equal(Enumerable.Repeat(0.1f, 10), _trainers["model-a"].LiveScores);
        Assert.Equal(Enumerable.Repeat(0.9f, TrainerFeed.BatchSize), _trainers["model-b"].LiveScores);
        Assert.Equal(10, _trainers["model-a"].Samples.Count);
        Assert.Equal(TrainerFeed.BatchSize, _trainers["model-b"].Samples.Count);
    }

    [Fact]
    public async Task Alternating_models_event_by_event_never_mixes_their_scores()
    {
        for (var i = 0; i < 4 * TrainerFeed.BatchSize; i++)
        {
            var (model, score) = i % 2 == 0 ? ("model-a", 0.1f) : ("model-b", 0.9f);
            await SampleAsync(model, i, 1, score);
        }

        await _feed.FlushAsync(allScores: true);

        Assert.Equal(Enumerable.Repeat(0.1f, 2 * TrainerFeed.BatchSize), _trainers["model-a"].LiveScores);
        Assert.Equal(Enumerable.Repeat(0.9f, 2 * TrainerFeed.BatchSize), _trainers["model-b"].LiveScores);
    }

    [Fact]
    public async Task Rows_scored_before_the_model_had_a_version_carry_no_live_score()
    {
        await SampleAsync("model-a", 0, TrainerFeed.BatchSize, score: null);
        await SampleAsync("model-a", TrainerFeed.BatchSize, TrainerFeed.BatchSize, score: 0.4f);

        Assert.Equal(2 * TrainerFeed.BatchSize, _trainers["model-a"].Samples.Count);
        Assert.Equal(Enumerable.Repeat(0.4f, TrainerFeed.BatchSize), _trainers["model-a"].LiveScores);
    }

    [Fact]
    public async Task Scores_of_a_version_are_sent_apart_from_those_of_the_next_one()
    {
        await SampleAsync("model-a", 0, 10, score: 0.1f, version: 1);
        await SampleAsync("model-a", 10, TrainerFeed.BatchSize, score: 0.7f, version: 2);
        await _feed.FlushAsync(allScores: true);

        var batches = _trainers["model-a"].LiveScoreBatches;
        Assert.Equal([1, 2], batches.Select(b => b.ModelVersion));
        Assert.Equal(Enumerable.Repeat(0.1f, 10), batches[0].Scores);
        Assert.Equal(Enumerable.Repeat(0.7f, TrainerFeed.BatchSize), batches[1].Scores);
    }

    [Fact]
    public async Task Once_the_silo_stops_a_feed_sends_nothing_to_trainers_that_are_deactivating()
    {
        var filters = new TrainerSampleFilters(_trainers.Factory, TimeProvider.System, NullLogger<TrainerSampleFilters>.Instance);
        var feed = new TrainerFeed(_trainers.Factory, new TrainerTraffic(new SiloStopSignal(new CancellationToken(canceled: true))), filters);

        for (var i = 0; i < 2 * TrainerFeed.BatchSize; i++)
        {
            await feed.SampleAsync("model-a", Names, new TrainingSample("entity-1", Start.AddMinutes(i), [i, -i]), new LiveScore(1, 0.5f));
        }

        await feed.FlushAsync(allScores: true);

        Assert.Empty(_trainers["model-a"].Samples);
        Assert.Empty(_trainers["model-a"].LiveScores);
    }

    private async Task SampleAsync(string model, int first, int count, float? score, int version = 1)
    {
        for (var i = first; i < first + count; i++)
        {
            LiveScore? live = score is { } s ? new LiveScore(version, s) : null;
            await _feed.SampleAsync(model, Names, new TrainingSample("entity-1", Start.AddMinutes(i), [i, -i]), live);
        }
    }
}
