using SmeAi.LoadTests.Measurement;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>A moment of a phase worth marking on its chart: a retrain, a promotion, a silo killed.</summary>
internal sealed record PhaseMarker(string Label, TimeSpan At);

/// <summary>One second of a phase, for its chart: seconds since the phase began, rates, latency, lag and the silos' use.</summary>
internal sealed record TimelinePoint(double Seconds, double ProducedPerSecond, double ScoredPerSecond, double P50Ms, double P99Ms, long Lag, double CpuCores, double WorkingSetMiB);

/// <summary>Scores by a newer model version than their entity's previous event had, and by an older one (a swap gone back).</summary>
internal readonly record struct VersionMoves(long Forward, long Backward)
{
    /// <summary>The moves after <paramref name="earlier"/>, a reading of the same counts.</summary>
    public VersionMoves Since(VersionMoves earlier) => new(Forward - earlier.Forward, Backward - earlier.Backward);
}

/// <summary>
/// What one loaded phase of a pipeline run measured.
/// </summary>
/// <param name="Name">Scenario name (steady, burst, hot-swap, silo-loss, entities).</param>
/// <param name="Load">What was produced, in words (rate and duration).</param>
/// <param name="From">Run time the phase started producing.</param>
/// <param name="LoadEnd">Run time the load ended (the producer's last event acknowledged).</param>
/// <param name="To">Run time its last event was scored (or the drain gave up).</param>
/// <param name="Produced">Events produced in the phase (broker offsets).</param>
/// <param name="Lost">Produced events no score record ever carried.</param>
/// <param name="Duplicates">Score records that repeated an event already scored.</param>
/// <param name="Versions">How the entities' model versions moved in the phase (<see cref="ModelVersionOrder"/>).</param>
/// <param name="ScoredDuringLoad">The phase's events scored by <paramref name="LoadEnd"/>.</param>
/// <param name="EventsPerSecond">The phase's events scored per second from the phase start until its last was scored: the drain after the load included.</param>
/// <param name="Latency">Produce → score record latency of the scores that arrived during the phase.</param>
/// <param name="EventLatency">For a swap or a kill: the latency of the scores that arrived from the event until the end of its window.</param>
/// <param name="BeforeLatency">For a swap or a kill: the latency of the scores that arrived in the phase before it (after the warm-up).</param>
/// <param name="MaxLag">Most events produced but not yet scored at any sampled second.</param>
/// <param name="CpuCores">Average cores the silo processes kept busy.</param>
/// <param name="PeakWorkingSetMiB">Largest working set of the silo processes (summed), MiB.</param>
/// <param name="Markers">Moments to mark on the chart (run time).</param>
/// <param name="Timeline">The phase second by second.</param>
internal sealed record PhaseResult(
    string Name,
    string Load,
    TimeSpan From,
    TimeSpan LoadEnd,
    TimeSpan To,
    long Produced,
    long Lost,
    long Duplicates,
    VersionMoves Versions,
    long ScoredDuringLoad,
    double EventsPerSecond,
    LatencySummary Latency,
    LatencySummary? EventLatency,
    LatencySummary? BeforeLatency,
    long MaxLag,
    double CpuCores,
    double PeakWorkingSetMiB,
    IReadOnlyList<PhaseMarker> Markers,
    IReadOnlyList<TimelinePoint> Timeline)
{
    /// <summary>The phase's events scored per second while the load ran (its start to its end).</summary>
    public double ScoredPerSecondDuringLoad => LoadEnd > From ? ScoredDuringLoad / (LoadEnd - From).TotalSeconds : 0;

    /// <summary>From the end of the load until the last event was scored.</summary>
    public TimeSpan Drain => To > LoadEnd ? To - LoadEnd : TimeSpan.Zero;
}
