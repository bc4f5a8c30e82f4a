using SmeAi.Abstractions.Events;

namespace SmeAi.Silo.Kafka;

/// <summary>
/// Decoded machine readings as the stream provider keeps them: every reading stays in the queue cache until delivered
/// and then in its replay window, hundreds of thousands of them with many quiet machines. The JSON reader's fast path
/// already gives shared sensor names (<see cref="SensorDictionary"/>); readings the serializer read (unusual spellings)
/// are brought to the same form here, and the kind to its shared copy.
/// </summary>
internal static class CompactTelemetry
{
    public static MachineTelemetry Of(MachineTelemetry reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Sensors is SensorDictionary
            ? reading
            : reading with { Kind = SharedKind(reading.Kind), Sensors = SensorDictionary.From(reading.Sensors) };
    }

    private static string SharedKind(string kind) => kind switch
    {
        MachineTelemetry.KindTelemetry => MachineTelemetry.KindTelemetry,
        MachineTelemetry.KindFailure => MachineTelemetry.KindFailure,
        MachineTelemetry.KindMaintenance => MachineTelemetry.KindMaintenance,
        _ => kind,
    };
}
