using SmeAi.LoadTests.Pipeline;

namespace SmeAi.LoadTests.Tests;

/// <summary>Which interval, and how many events, the pipeline's maximum rate is taken over.</summary>
public sealed class MaxRateWindowTests
{
    [Fact]
    public void With_a_quarter_or_more_left_when_the_producer_finished_the_rate_runs_while_the_backlog_drains()
    {
        var window = MaxRateWindow.Choose(events: 200_000, started: 50, firstScore: 100, producerDone: 300, scoredByProducerDone: 150_000, lastScore: 900);

        Assert.Equal(new MaxRateWindow(300, 900, 50_000, WhileDraining: true), window);
    }

    [Fact]
    public void With_less_than_a_quarter_left_the_rate_runs_from_the_first_score_to_the_last_over_every_event()
    {
        var window = MaxRateWindow.Choose(events: 200_000, started: 50, firstScore: 100, producerDone: 300, scoredByProducerDone: 150_001, lastScore: 900);

        Assert.Equal(new MaxRateWindow(100, 900, 200_000, WhileDraining: false), window);
    }

    [Fact]
    public void A_producer_not_seen_done_before_the_last_score_gives_the_first_to_last_window()
    {
        var window = MaxRateWindow.Choose(events: 200_000, started: 50, firstScore: 100, producerDone: 0, scoredByProducerDone: 0, lastScore: 900);

        Assert.Equal(new MaxRateWindow(100, 900, 200_000, WhileDraining: false), window);
    }

    [Fact]
    public void No_score_seen_before_the_last_gives_the_window_from_the_start_of_production()
    {
        // The harness looked only once every event was scored: there is no first score to time from.
        var window = MaxRateWindow.Choose(events: 10_000, started: 50, firstScore: 0, producerDone: 0, scoredByProducerDone: 0, lastScore: 900);

        Assert.Equal(new MaxRateWindow(50, 900, 10_000, WhileDraining: false), window);
        Assert.True(window.Elapsed > TimeSpan.Zero);
    }
}
