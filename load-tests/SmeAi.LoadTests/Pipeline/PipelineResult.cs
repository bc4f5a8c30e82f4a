using SmeAi.LoadTests.Measurement;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>Everything one pipeline run measured: the maximum rate, the baseline over the same events, and the loaded phases.</summary>
/// <param name="MaxRateWhileDraining">Whether the maximum rate was taken while the backlog drained (<see cref="MaxRateWindow"/>), or from the first score to the last.</param>
internal sealed record PipelineResult(
    PipelineScenarioOptions Options,
    Throughput Pipeline,
    double PipelineCpuCores,
    bool MaxRateWhileDraining,
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

    /// <summary>
    /// What a swap's or a kill's p99 is judged against. A hot swap: the steady phase's p99, the steady state at the same
    /// rate on the same silo (within its own phase the minutes before a swap were not steady: p99 climbed seconds
    /// before the retrain request); only when the steady phase did not run, the p99 before the swap in its phase. A silo
    /// loss (two silos on PostgreSQL at another load, a setup no other phase has): the p99 before the kill in its phase,
    /// after the warm-up.
    /// </summary>
    public EventComparison? Comparison(PhaseResult phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (phase.EventLatency is not { } during)
        {
            return null;
        }

        if (phase.Name == PipelineScenario.HotSwap && Phase(PipelineScenario.Steady) is { Latency.Samples: > 0 } steady)
        {
            return new EventComparison(during, steady.Latency, EventComparison.SteadyPhase);
        }

        return phase.BeforeLatency is { } before ? new EventComparison(during, before, EventComparison.BeforeInPhase) : null;
    }
}
