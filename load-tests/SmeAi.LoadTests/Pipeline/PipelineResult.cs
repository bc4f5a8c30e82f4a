using SmeAi.LoadTests.Measurement;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>Everything one pipeline run measured: the maximum rate, the baseline over the same events, and the loaded phases.</summary>
internal sealed record PipelineResult(
    PipelineScenarioOptions Options,
    Throughput Pipeline,
    double PipelineCpuCores,
    Throughput Baseline,
    double LoadRate,
    IReadOnlyList<PhaseResult> Phases)
{
    public const double TargetRatio = 0.5;

    public const double TargetEventFactor = 3;

    public const double TargetWorkingSetMiB = 2048;

    public static readonly TimeSpan TargetP99 = TimeSpan.FromMilliseconds(50);

    public double Ratio => Baseline.EventsPerSecond > 0 ? Pipeline.EventsPerSecond / Baseline.EventsPerSecond : 0;

    public PhaseResult? Phase(string name) => Phases.FirstOrDefault(p => p.Name == name);
}
