using SmeAi.Abstractions.Events;

namespace SmeAi.LoadTests.Kafka;

/// <summary>
/// Realistic <c>machine-telemetry</c> events: four sensors that drift smoothly per machine, keyed by machine id
/// (<c>m-0</c> .. <c>m-{keys-1}</c>), the keys interleaved as many machines reporting at once would be.
/// </summary>
internal static class TelemetryEvents
{
    public static string MachineId(long index, int keys) => $"m-{index % keys}";

    /// <summary>Event number <paramref name="index"/> of a stream over <paramref name="keys"/> machines, stamped <paramref name="ts"/>.</summary>
    public static MachineTelemetry Create(long index, int keys, DateTimeOffset ts)
    {
        var machine = index % keys;
        var phase = (index / keys) * 0.05 + machine;
        return new MachineTelemetry(
            MachineId(index, keys),
            ts,
            MachineTelemetry.KindTelemetry,
            new Dictionary<string, double>(4, StringComparer.Ordinal)
            {
                ["temperature"] = Math.Round(70 + 5 * Math.Sin(phase), 2),
                ["vibration"] = Math.Round(0.03 + 0.01 * Math.Cos(phase), 4),
                ["pressure"] = Math.Round(4.2 + 0.3 * Math.Sin(phase / 3), 3),
                ["rpm"] = Math.Round(1450 + 40 * Math.Cos(phase / 2), 0),
            });
    }
}
