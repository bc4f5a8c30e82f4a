using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SmeAi.Streaming.Kafka.Diagnostics;

namespace SmeAi.Streaming.Kafka.Tests.Support;

/// <summary>Records the counters (and, when asked, the gauges) of meter <c>SmeAi.Streaming.Kafka</c> in this process, as an exporter would see them.</summary>
internal sealed class KafkaCounterListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();

    public KafkaCounterListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KafkaStreamMetrics.MeterName)
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

    /// <summary>Takes one reading of every gauge now (gauges report only when asked, as at an exporter's scrape).</summary>
    public void RecordGauges() => _listener.RecordObservableInstruments();

    /// <summary>The sum of <paramref name="instrument"/> over the measurements carrying every one of <paramref name="tags"/>.</summary>
    public long Total(string instrument, params (string Name, string Value)[] tags) =>
        _measurements
            .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Name, out var v) && Equals(v, t.Value)))
            .Sum(m => m.Value);

    /// <summary>Whether <paramref name="instrument"/> reported any value, 0 included, carrying every one of <paramref name="tags"/>.</summary>
    public bool Reported(string instrument, params (string Name, string Value)[] tags) =>
        _measurements.Any(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Name, out var v) && Equals(v, t.Value)));

    public void Dispose() => _listener.Dispose();
}
