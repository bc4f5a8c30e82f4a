using System.Diagnostics;
using HdrHistogram;
using Orleans.Streams;
using SmeAi.Abstractions.Events;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.LoadTests.Measurement;

/// <summary>
/// One per silo (a singleton the counting grains get injected): counts delivered events, deduplicated by their Kafka
/// (partition, offset) so a redelivery cannot stand in for a lost event, and, while latency recording is on, records
/// each new event's produce-to-grain latency (delivery time minus the event's <c>ts</c>, which the paced producer
/// stamps). The scenario polls it, so measuring costs no grain call.
/// </summary>
internal sealed class DeliveryProbe(TimeProvider timeProvider)
{
    /// <summary>Latencies above this (in microseconds) are recorded as this value.</summary>
    private const long HighestTrackableMicros = 60_000_000;

    private readonly LongHistogram _latency = new(1, HighestTrackableMicros, 3);
    private readonly Dictionary<int, OffsetSet> _seen = [];
    private readonly Lock _lock = new();
    private long _distinct;
    private long _duplicates;
    private bool _recordLatency;
    private long _throughputTarget = long.MaxValue;
    private (long Timestamp, CpuSampler Cpu)? _first;
    private (long Timestamp, CpuSampler Cpu, long Distinct)? _atTarget;
    private long _lastNew;

    /// <summary>Distinct events delivered so far.</summary>
    public long Distinct
    {
        get
        {
            lock (_lock)
            {
                return _distinct;
            }
        }
    }

    /// <summary>Deliveries of an event already delivered.</summary>
    public long Duplicates
    {
        get
        {
            lock (_lock)
            {
                return _duplicates;
            }
        }
    }

    public void Delivered(IList<SequentialItem<MachineTelemetry>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var utcNow = timeProvider.GetUtcNow();
        lock (_lock)
        {
            // The throughput window and its CPU reading open together, as the baseline's do at its first event.
            _first ??= (Stopwatch.GetTimestamp(), CpuSampler.Start());
            var added = 0;
            foreach (var item in items)
            {
                var token = item.Token as KafkaStreamSequenceToken
                    ?? throw new InvalidOperationException($"A delivery without a Kafka position ({item.Token}): the probe counts Kafka events only.");
                if (!OffsetsOf(token.Partition).Add(token.Offset))
                {
                    _duplicates++;
                    continue;
                }

                added++;
                if (_recordLatency)
                {
                    _latency.RecordValue(Math.Clamp((long)(utcNow - item.Item.Ts).TotalMicroseconds, 1, HighestTrackableMicros));
                }
            }

            if (added > 0)
            {
                _distinct += added;
                _lastNew = Stopwatch.GetTimestamp();
                if (_atTarget is null && _distinct >= _throughputTarget)
                {
                    _atTarget = (_lastNew, CpuSampler.Start(), _distinct);
                }
            }
        }
    }

    /// <summary>Closes the throughput window (time and CPU) at the delivery that brings the distinct count to <paramref name="distinct"/>.</summary>
    public void MeasureThroughputUntil(long distinct)
    {
        lock (_lock)
        {
            _throughputTarget = distinct;
            if (_atTarget is null && _distinct >= distinct)
            {
                _atTarget = (Stopwatch.GetTimestamp(), CpuSampler.Start(), _distinct);
            }
        }
    }

    /// <summary>
    /// Distinct events from the first delivery to the one that reached the target, and the process's busy cores over
    /// exactly that interval. When the target was never reached (events lost): to the last new delivery, the CPU to now.
    /// </summary>
    public Throughput Throughput()
    {
        lock (_lock)
        {
            if (_first is not { } first)
            {
                return new Throughput(0, TimeSpan.Zero, 0);
            }

            return _atTarget is { } end
                ? new Throughput(end.Distinct, Stopwatch.GetElapsedTime(first.Timestamp, end.Timestamp), first.Cpu.CoresUntil(end.Cpu))
                : new Throughput(_distinct, Stopwatch.GetElapsedTime(first.Timestamp, _lastNew), first.Cpu.Cores());
        }
    }

    /// <summary>Clears the latency histogram and records every later new event into it.</summary>
    public void StartLatencyRecording()
    {
        lock (_lock)
        {
            _latency.Reset();
            _recordLatency = true;
        }
    }

    /// <summary>Stops recording latencies and returns a copy of what was recorded.</summary>
    public HistogramBase StopLatencyRecording()
    {
        lock (_lock)
        {
            _recordLatency = false;
            return _latency.Copy();
        }
    }

    private OffsetSet OffsetsOf(int partition)
    {
        if (!_seen.TryGetValue(partition, out var offsets))
        {
            _seen[partition] = offsets = new OffsetSet();
        }

        return offsets;
    }
}
