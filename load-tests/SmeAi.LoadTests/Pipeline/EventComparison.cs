using SmeAi.LoadTests.Measurement;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>A swap's or a kill's latency against the steady state its p99 target (at most 3x) is judged by.</summary>
/// <param name="During">Scores that arrived from the event until the end of its window.</param>
/// <param name="Reference">The steady state at that load.</param>
/// <param name="ReferenceName">What <paramref name="Reference"/> is, in words for the report.</param>
internal sealed record EventComparison(LatencySummary During, LatencySummary Reference, string ReferenceName)
{
    public const string SteadyPhase = "steady phase p99 (same rate)";

    public const string BeforeInPhase = "p99 before it in the phase";

    /// <summary>p99 during the event over the reference's p99; none without a reference p99.</summary>
    public double? Factor => Reference.P99 > TimeSpan.Zero ? During.P99 / Reference.P99 : null;
}
