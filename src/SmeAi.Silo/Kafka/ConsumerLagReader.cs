using System.Diagnostics.Metrics;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Kafka;

/// <summary>
/// This silo's total Kafka consumer lag, read from the stream provider's own gauge (<c>smeai.kafka.consumer.lag</c>,
/// high watermark minus checkpointed offset per partition this silo owns), so <c>/api/system</c> and <c>/metrics</c>
/// agree. Only instruments of this silo's meter factory count: other silos in the same process have their own.
/// A partition whose group has no checkpoint yet counts from the first offset it read; one not read yet is not in the sum.
/// </summary>
internal sealed class ConsumerLagReader : IDisposable
{
    public const string LagInstrument = "smeai.kafka.consumer.lag";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private long _sum;

    public ConsumerLagReader(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == LagInstrument && instrument.Meter.Name == TelemetrySetup.KafkaMeter && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, lag, _, _) => _sum += lag);
        _listener.Start();
    }

    /// <summary>The sum over this silo's partitions now; 0 before any partition has a checkpoint.</summary>
    public long Read()
    {
        lock (_gate)
        {
            _sum = 0;
            _listener.RecordObservableInstruments();
            return _sum;
        }
    }

    public void Dispose() => _listener.Dispose();
}
