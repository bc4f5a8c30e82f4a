using System.Globalization;

namespace SmeAi.IntegrationTests;

/// <summary>Reads values out of a Prometheus text exposition, as served by the silo's <c>GET /metrics</c>.</summary>
internal static class PrometheusText
{
    /// <summary>
    /// The sum of <paramref name="metric"/> over its series that carry every label in <paramref name="labels"/>
    /// (0 when there is none yet: a counter appears with its first increment).
    /// </summary>
    public static double Sum(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        var sum = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal))
            {
                continue;
            }

            var end = line.LastIndexOf('}');
            var series = line[(metric.Length + 1)..end];
            if (labels.All(label => series.Contains($"{label.Name}=\"{label.Value}\"", StringComparison.Ordinal)))
            {
                // After the labels: the value, then an optional timestamp.
                sum += double.Parse(line[(end + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}
