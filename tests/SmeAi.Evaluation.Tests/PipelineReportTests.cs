using SmeAi.Evaluation.Replay;
using SmeAi.Evaluation.Reporting;

namespace SmeAi.Evaluation.Tests;

public sealed class PipelineReportTests
{
    private static EvaluationReport Report() => new(7, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(2), MachineDescription.Current(), EvaluationRunner.DefaultCommand, []);

    [Fact]
    public void A_pipeline_run_gets_its_own_section_with_the_offline_figure_beside_it_and_the_warmup_share()
    {
        var run = new PipelineEvaluation(
            "cmapss-fd001", "Each engine is a machine.", 1_000, 100, 900, 810,
            [new PipelineFigure("engines alerted before failure", 0.28, 0.68), new PipelineFigure("failure ROC-AUC", 0.574)],
            ["a pipeline note"], TimeSpan.FromSeconds(55));

        var markdown = EvaluationReportWriter.ToMarkdown(Report() with { Pipeline = [run] });

        Assert.Contains("## Through the pipeline", markdown, StringComparison.Ordinal);
        Assert.Contains("### cmapss-fd001", markdown, StringComparison.Ordinal);
        Assert.Contains("| engines alerted before failure | 0.280 | 0.680 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| failure ROC-AUC | 0.574 |  |", markdown, StringComparison.Ordinal);
        Assert.Contains("- 1000 events replayed, 100 of them before the first training; 900 scores came back, 810 (90.0 %) from a trained model; 55 s.", markdown, StringComparison.Ordinal);
        Assert.Contains("- a pipeline note", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_pipeline_run_the_summary_judges_the_target_through_the_pipeline_and_keeps_offline_beside_it()
    {
        var ai4i = new DatasetEvaluation(
            "ai4i2020", "machine failure", "MLP", "LightGbm", 7_500, 2_500,
            [new MetricComparison("ROC-AUC", 0.984, 0.982, HigherIsBetter: true, Target: 0.98)], [], TimeSpan.FromSeconds(2));
        var run = new PipelineEvaluation("ai4i2020", "Three machines.", 10_000, 400, 10_000, 9_600, [new PipelineFigure("ROC-AUC", 0.971, 0.984)], [], TimeSpan.FromSeconds(78));

        var markdown = EvaluationReportWriter.ToMarkdown(Report() with { Datasets = [ai4i], Pipeline = [run] });

        Assert.Contains("| dataset | metric | ours, through the pipeline | ours, offline | ML.NET | ahead | target |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ai4i2020 | ROC-AUC | 0.971 | 0.984 | 0.982 | ML.NET through the pipeline, ours offline | >= 0.98: missed through the pipeline, met offline |", markdown, StringComparison.Ordinal);
        Assert.Contains("ahead of ML.NET on the headline metric of 0 of 1 datasets through the pipeline and 1 of 1 offline.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_pipeline_run_the_report_says_it_was_not_measured()
    {
        var markdown = EvaluationReportWriter.ToMarkdown(Report());

        Assert.Contains("Not measured in this run (`--offline-only`)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### ", markdown, StringComparison.Ordinal);
    }
}
