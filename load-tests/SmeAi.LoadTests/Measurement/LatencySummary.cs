using HdrHistogram;

namespace SmeAi.LoadTests.Measurement;

/// <summary>Percentiles of a latency histogram recorded in microseconds.</summary>
internal sealed record LatencySummary(long Samples, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max)
{
    public static LatencySummary From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return new LatencySummary(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        return new LatencySummary(
            histogram.TotalCount,
            Micros(histogram.GetValueAtPercentile(50)),
            Micros(histogram.GetValueAtPercentile(95)),
            Micros(histogram.GetValueAtPercentile(99)),
            Micros(histogram.GetMaxValue()));
    }

    private static TimeSpan Micros(long value) => TimeSpan.FromMicroseconds(value);
}
