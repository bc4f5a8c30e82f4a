using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SmeAi.Silo.Tests;

/// <summary>
/// Records the counters of the meters one <see cref="IMeterFactory"/> created, as an exporter would see them; other
/// test classes count into meters of the same name in parallel.
/// </summary>
internal sealed class OutputMeterListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();

    public OutputMeterListener(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _measurements.Enqueue((instrument.Name, value, copy));
        });
        _listener.Start();
    }

    /// <summary>The measurements of <paramref name="instrument"/>, each with the value of its <paramref name="tag"/>.</summary>
    public IReadOnlyList<(long Value, object? Tag)> Of(string instrument, string tag) =>
        [.. _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags.GetValueOrDefault(tag)))];

    /// <summary>The sum of <paramref name="instrument"/> over the measurements whose <paramref name="tag"/> is <paramref name="value"/>.</summary>
    public long Total(string instrument, string tag, string value) =>
        _measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
