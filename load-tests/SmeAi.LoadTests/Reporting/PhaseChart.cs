using ScottPlot;
using SmeAi.LoadTests.Pipeline;

namespace SmeAi.LoadTests.Reporting;

/// <summary>
/// One PNG per phase: end-to-end latency (p50 and p99 of each second, left axis) and throughput (events produced and
/// scored per second, right axis) over the phase, with its swap, kill or burst marked by vertical lines.
/// </summary>
internal static class PhaseChart
{
    public const int Width = 1000;
    public const int Height = 420;

    public static void Write(PhaseResult phase, string path)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var points = phase.Timeline;
        var plot = new Plot();
        // No title: the report's heading names the phase, and the markers' labels sit along the top edge.
        plot.XLabel("seconds since the phase began");
        plot.YLabel("latency, ms (p50, p99 of each second)");
        plot.Axes.Right.Label.Text = "events/s";
        plot.Axes.Top.MinimumSize = 36; // room for the markers' labels above the data area

        Line(plot, points, p => p.P99Ms, "p99 latency", Colors.Red, plot.Axes.Left);
        Line(plot, points, p => p.P50Ms, "p50 latency", Colors.Orange, plot.Axes.Left);
        Line(plot, points, p => p.ProducedPerSecond, "produced/s", Colors.Gray, plot.Axes.Right);
        Line(plot, points, p => p.ScoredPerSecond, "scored/s", Colors.Blue, plot.Axes.Right);
        foreach (var marker in phase.Markers)
        {
            var line = plot.Add.VerticalLine((marker.At - phase.From).TotalSeconds, 2, Colors.Black);
            line.LinePattern = LinePattern.Dashed;
            line.Text = marker.Label;
            line.LabelOppositeAxis = true;
        }

        // Both axes from zero, so a spike reads against the phase's normal level.
        plot.Axes.SetLimitsY(0, Top(points.Select(p => p.P99Ms)), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Top(points.SelectMany(p => new[] { p.ProducedPerSecond, p.ScoredPerSecond })), plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperLeft);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, Width, Height);
    }

    private static double Top(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 || finite.Max() <= 0 ? 1 : finite.Max() * 1.15;
    }

    private static void Line(Plot plot, IReadOnlyList<TimelinePoint> points, Func<TimelinePoint, double> value, string label, Color color, IYAxis axis)
    {
        var kept = points.Where(p => double.IsFinite(value(p))).ToArray();
        if (kept.Length == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(kept.Select(p => p.Seconds).ToArray(), kept.Select(value).ToArray(), color);
        scatter.LegendText = label;
        scatter.MarkerSize = 0;
        scatter.LineWidth = 2;
        scatter.Axes.YAxis = axis;
    }
}
