using SmeAi.LoadTests.Pipeline;
using static SmeAi.LoadTests.Tests.PipelineResults;

namespace SmeAi.LoadTests.Tests;

/// <summary>The pipeline section's tables: which rate each column gives.</summary>
public sealed class PipelineReportTests
{
    [Fact]
    public void A_phase_that_falls_behind_shows_its_rate_during_the_load_apart_from_the_rate_with_the_drain()
    {
        // 200,000 events produced in 5 s, 30,000 of them scored by then, the last 35 s after the load.
        var entities = new PhaseResult(
            PipelineScenario.Entities, "100,000 machines", TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(105), TimeSpan.FromSeconds(140),
            200_000, 0, 0, default, 30_000, 200_000 / 40.0, P99(20_000), null, null, 0, 1.8, 1_900, [], []);

        var table = PipelineReport.Phases(Result(80_000, 130_000, entities));

        Assert.Equal(6_000, entities.ScoredPerSecondDuringLoad);
        Assert.Equal(TimeSpan.FromSeconds(35), entities.Drain);
        Assert.Contains("| entities | 100,000 machines | 6,000 | 5,000 (35.0 s) |", table, StringComparison.Ordinal);
    }
}
