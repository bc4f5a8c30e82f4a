using SmeAi.LoadTests.Pipeline;
using static SmeAi.LoadTests.Tests.PipelineResults;

namespace SmeAi.LoadTests.Tests;

/// <summary>What a swap's and a kill's p99 is judged against (issue 7: "p99 during the event at most 3x steady state").</summary>
public sealed class EventComparisonTests
{
    [Fact]
    public void Hot_swap_is_judged_against_the_steady_phase_not_its_own_time_before_the_swap()
    {
        var steady = Phase(PipelineScenario.Steady, P99(250));
        var swap = Phase(PipelineScenario.HotSwap, P99(900), during: P99(1_600), before: P99(640));

        var comparison = Result(80_000, 130_000, steady, swap).Comparison(swap)!;

        Assert.Equal(EventComparison.SteadyPhase, comparison.ReferenceName);
        Assert.Equal(TimeSpan.FromMilliseconds(250), comparison.Reference.P99);
        Assert.Equal(6.4, comparison.Factor!.Value, 3);
    }

    [Fact]
    public void Hot_swap_without_a_steady_phase_falls_back_to_the_time_before_the_swap()
    {
        var swap = Phase(PipelineScenario.HotSwap, P99(900), during: P99(1_600), before: P99(640));

        var comparison = Result(80_000, 130_000, swap).Comparison(swap)!;

        Assert.Equal(EventComparison.BeforeInPhase, comparison.ReferenceName);
        Assert.Equal(2.5, comparison.Factor!.Value, 3);
    }

    [Fact]
    public void Silo_loss_is_judged_against_the_time_before_the_kill_in_its_own_phase()
    {
        var steady = Phase(PipelineScenario.Steady, P99(250));
        var loss = Phase(PipelineScenario.SiloLoss, P99(2_000), during: P99(4_400), before: P99(220));

        var comparison = Result(80_000, 130_000, steady, loss).Comparison(loss)!;

        Assert.Equal(EventComparison.BeforeInPhase, comparison.ReferenceName);
        Assert.Equal(20.0, comparison.Factor!.Value, 3);
    }

    [Fact]
    public void A_phase_without_an_event_has_no_comparison_and_a_zero_reference_no_factor()
    {
        var steady = Phase(PipelineScenario.Steady, P99(250));
        var swap = Phase(PipelineScenario.HotSwap, P99(900), during: P99(1_600), before: P99(0));

        Assert.Null(Result(80_000, 130_000, steady).Comparison(steady));
        Assert.Null(Result(80_000, 130_000, swap).Comparison(swap)!.Factor);
    }
}
