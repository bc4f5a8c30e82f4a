namespace SmeAi.LoadTests.Measurement;

/// <summary>Events handled in a measured interval, and the CPU the process used meanwhile.</summary>
/// <param name="Events">Events counted in the interval.</param>
/// <param name="Elapsed">Wall time from the first event to the last.</param>
/// <param name="CpuCores">Average cores the whole process kept busy (process CPU time / wall time).</param>
internal sealed record Throughput(long Events, TimeSpan Elapsed, double CpuCores)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? Events / Elapsed.TotalSeconds : 0;
}
