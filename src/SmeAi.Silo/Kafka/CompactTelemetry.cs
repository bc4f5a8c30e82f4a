using System.Collections.Concurrent;
using SmeAi.Abstractions.Events;

namespace SmeAi.Silo.Kafka;

/// <summary>
/// Decoded machine readings as the stream provider keeps them: every reading stays in the queue cache until delivered
/// and then in its replay window, hundreds of thousands of them with many quiet machines. JSON gives each reading its
/// own copies of the sensor names and of the kind; here they are replaced by one shared copy per name (a third of a
/// reading's memory), and the sensors dictionary is sized to its readings.
/// </summary>
internal static class CompactTelemetry
{
    /// <summary>Most distinct names shared (sensor names and kinds come from machine types, so few); past it, names stay as decoded.</summary>
    public const int Capacity = 4_096;

    private static readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public static MachineTelemetry Of(MachineTelemetry reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var sensors = new Dictionary<string, double>(reading.Sensors.Count, StringComparer.Ordinal);
        foreach (var (name, value) in reading.Sensors)
        {
            sensors[Shared(name)] = value;
        }

        return reading with { Kind = Shared(reading.Kind), Sensors = sensors };
    }

    private static string Shared(string name)
    {
        if (_names.TryGetValue(name, out var shared))
        {
            return shared;
        }

        return _names.Count < Capacity ? _names.GetOrAdd(name, name) : name;
    }
}
