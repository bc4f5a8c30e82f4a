using SmeAi.LoadTests.Pipeline;
using static SmeAi.LoadTests.Tests.PipelineResults;

namespace SmeAi.LoadTests.Tests;

/// <summary>The verdicts of issue 7's targets in the pipeline summary table, at and just past each limit.</summary>
public sealed class PipelineSummaryTests
{
    [Theory]
    [InlineData(65_000, "met")]
    [InlineData(64_999, "**missed**")]
    public void Pipeline_needs_half_the_baselines_rate(double pipelinePerSecond, string verdict)
    {
        var summary = PipelineReport.Summary(Result(pipelinePerSecond, 130_000));

        Assert.EndsWith($": {verdict}", Target(summary, "Pipeline / baseline"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50.0, "met")]
    [InlineData(50.1, "**missed**")]
    public void Steady_p99_may_be_at_most_50_ms(double p99Ms, string verdict)
    {
        var summary = PipelineReport.Summary(Result(80_000, 130_000, Phase(PipelineScenario.Steady, P99(p99Ms))));

        Assert.EndsWith($": {verdict}", Target(summary, "Steady p99"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(750.0, 0, "met", "met")]
    [InlineData(751.0, 0, "**missed**", "met")]
    [InlineData(500.0, 1, "met", "**missed**")]
    public void Hot_swap_may_lose_nothing_and_its_p99_be_at_most_3x_the_steady_phases(double duringMs, long lost, string factorVerdict, string lossVerdict)
    {
        var steady = Phase(PipelineScenario.Steady, P99(250));
        // Its own time before the swap (100 ms) would give other verdicts: the steady phase is the reference.
        var swap = Phase(PipelineScenario.HotSwap, P99(600), during: P99(duringMs), before: P99(100), lost: lost);

        var summary = PipelineReport.Summary(Result(80_000, 130_000, steady, swap));

        Assert.EndsWith($": {factorVerdict}", Target(summary, "Hot swap: p99 during the event / steady phase"), StringComparison.Ordinal);
        Assert.EndsWith($": {lossVerdict}", Target(summary, "Hot swap: lost events"), StringComparison.Ordinal);
        Assert.Contains("| Hot swap: p99 before the event in the phase", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "met")]
    [InlineData(1L, "**missed**")]
    public void Hot_swap_may_score_no_machine_with_an_older_version_after_a_newer_one(long backward, string verdict)
    {
        var swap = Phase(PipelineScenario.HotSwap, P99(100), during: P99(100), before: P99(100), versions: new VersionMoves(1_000, backward));

        var summary = PipelineReport.Summary(Result(80_000, 130_000, Phase(PipelineScenario.Steady, P99(100)), swap));

        Assert.Equal($"0: {verdict}", Target(summary, "Hot swap: scores by an older model version"));
        Assert.Contains($"| {backward} (1,000) |", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(660.0, "met")]
    [InlineData(661.0, "**missed**")]
    public void Silo_loss_p99_may_be_at_most_3x_its_own_time_before_the_kill(double duringMs, string verdict)
    {
        var steady = Phase(PipelineScenario.Steady, P99(100));
        var loss = Phase(PipelineScenario.SiloLoss, P99(400), during: P99(duringMs), before: P99(220));

        var summary = PipelineReport.Summary(Result(80_000, 130_000, steady, loss));

        Assert.EndsWith($": {verdict}", Target(summary, "Silo loss: p99 during the event / p99 before it in the phase"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2_048.0, "met")]
    [InlineData(2_049.0, "**missed**")]
    public void Entities_may_take_at_most_2_GiB(double workingSetMiB, string verdict)
    {
        var summary = PipelineReport.Summary(Result(80_000, 130_000, Phase(PipelineScenario.Entities, P99(100), peakWorkingSetMiB: workingSetMiB)));

        Assert.EndsWith($": {verdict}", Target(summary, "100,000 active entities"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_entities_row_names_the_memory_limit_the_silo_ran_under()
    {
        var entities = Phase(PipelineScenario.Entities, P99(100), peakWorkingSetMiB: 1_900);
        var limited = Result(80_000, 130_000, entities);
        var unlimited = limited with { Options = limited.Options with { SiloMemoryLimitMiB = null } };

        Assert.Contains("| 100,000 active entities: peak silo working set (silo limited to 2,048 MiB) | 1,900 MiB |", PipelineReport.Summary(limited), StringComparison.Ordinal);
        Assert.Contains("| 100,000 active entities: peak silo working set | 1,900 MiB |", PipelineReport.Summary(unlimited), StringComparison.Ordinal);
    }

    /// <summary>The target cell of the summary row whose measure starts with <paramref name="measure"/>.</summary>
    private static string Target(string summary, string measure)
    {
        var row = summary.Split('\n').Single(line => line.StartsWith($"| {measure}", StringComparison.Ordinal));
        return row.TrimEnd().TrimEnd('|').Split('|')[^1].Trim();
    }
}
