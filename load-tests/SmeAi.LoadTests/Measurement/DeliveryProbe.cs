using System.Diagnostics;
using HdrHistogram;
using Orleans.Streams;
using SmeAi.Abstractions.Events;

namespace SmeAi.LoadTests.Measurement;

/// <summary>
/// One per silo (a singleton the counting grains get injected): counts delivered events and, while latency recording
/// is on, records each event's produce-to-grain latency (delivery time minus the event's <c>ts</c>, which the paced
/// producer sets at produce time). The scenario polls it, so measuring costs no grain call.
/// </summary>
internal sealed class DeliveryProbe(TimeProvider timeProvider)
{
    /// <summary>Latencies above this (in microseconds) are recorded as this value.</summary>
    private const long HighestTrackableMicros = 60_000_000;

    private readonly LongConcurrentHistogram _latency = new(1, HighestTrackableMicros, 3);
    private long _count;
    private long _firstTimestamp;
    private long _lastTimestamp;
    private volatile bool _recordLatency;

    /// <summary>Events delivered so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Stopwatch timestamps of the first and the latest delivery; zero before the first.</summary>
    public (long First, long Last) DeliveryWindow => (Interlocked.Read(ref _firstTimestamp), Interlocked.Read(ref _lastTimestamp));

    public void Delivered(IList<SequentialItem<MachineTelemetry>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _firstTimestamp, now, 0);
        if (_recordLatency)
        {
            var utcNow = timeProvider.GetUtcNow();
            foreach (var item in items)
            {
                var micros = (long)(utcNow - item.Item.Ts).TotalMicroseconds;
                _latency.RecordValue(Math.Clamp(micros, 1, HighestTrackableMicros));
            }
        }

        Interlocked.Add(ref _count, items.Count);
        Interlocked.Exchange(ref _lastTimestamp, now);
    }

    /// <summary>Clears the latency histogram and records every later delivery into it.</summary>
    public void StartLatencyRecording()
    {
        _latency.Reset();
        _recordLatency = true;
    }

    /// <summary>Stops recording latencies and returns a copy of what was recorded.</summary>
    public HistogramBase StopLatencyRecording()
    {
        _recordLatency = false;
        return _latency.Copy();
    }
}
