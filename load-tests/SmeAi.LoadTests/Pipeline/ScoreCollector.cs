using Confluent.Kafka;
using HdrHistogram;
using SmeAi.Abstractions;
using SmeAi.LoadTests.Kafka;
using SmeAi.LoadTests.Measurement;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// Reads <c>smeai-scores</c> on its own thread for the whole run. Each record is deduplicated by its source (partition,
/// offset); a new one records its end-to-end latency (now − the event's <c>ts</c>, which the producer stamped with
/// the produce time) into the histogram of the run second it arrived in. Scenarios read counts and windows of it.
/// </summary>
internal sealed class ScoreCollector : IDisposable
{
    /// <summary>Latencies above two minutes (in microseconds) are recorded as two minutes.</summary>
    public const long HighestTrackableMicros = 120_000_000;

    private readonly RunClock _clock;
    private readonly TimeProvider _timeProvider;
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly Dictionary<int, OffsetSet> _seen = [];
    private readonly List<IntHistogram?> _perSecond = [];
    private readonly Dictionary<int, TimeSpan> _firstSeenVersion = [];
    private readonly ModelVersionOrder _versionOrder = new();
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _distinct;
    private long _duplicates;
    private long _unreadable;

    public ScoreCollector(string bootstrapServers, RunClock clock, TimeProvider timeProvider, int scorePartitions)
    {
        _clock = clock;
        _timeProvider = timeProvider;
        _consumer = KafkaClientFactory.Consumer(bootstrapServers, $"loadtest-scores-{Guid.NewGuid():N}");
        _consumer.Assign(KafkaClientFactory.FromBeginning(TopicNames.Scores, scorePartitions));
        _thread = new Thread(Run) { IsBackground = true, Name = "score-collector" };
        _thread.Start();
    }

    /// <summary>Distinct events scored so far (duplicates by partition and offset not counted).</summary>
    public long Distinct => Interlocked.Read(ref _distinct);

    /// <summary>Score records that repeated an event already scored (at-least-once redelivery).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>So far, scores by a newer and by an older model version than their entity's previous event had.</summary>
    public VersionMoves VersionMoves
    {
        get
        {
            lock (_lock)
            {
                return new VersionMoves(_versionOrder.Forward, _versionOrder.Backward);
            }
        }
    }

    /// <summary>Records that were not a readable score record.</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>When the first score of model version <paramref name="version"/> (or later) arrived, if one did.</summary>
    public TimeSpan? FirstSeen(int version)
    {
        lock (_lock)
        {
            return _firstSeenVersion.Where(kv => kv.Key >= version).Select(kv => (TimeSpan?)kv.Value).Min();
        }
    }

    /// <summary>Offsets of source <paramref name="partition"/> in [<paramref name="from"/>, <paramref name="to"/>) that no score record carried.</summary>
    public long CountMissing(int partition, long from, long to)
    {
        lock (_lock)
        {
            return _seen.TryGetValue(partition, out var set) ? set.CountMissing(from, to) : Math.Max(0, to - from);
        }
    }

    /// <summary>Up to <paramref name="limit"/> offsets of source <paramref name="partition"/> in [<paramref name="from"/>, <paramref name="to"/>) that no score record carried.</summary>
    public IReadOnlyList<long> Missing(int partition, long from, long to, int limit)
    {
        var missing = new List<long>();
        lock (_lock)
        {
            var set = _seen.GetValueOrDefault(partition);
            for (var offset = from; offset < to && missing.Count < limit; offset++)
            {
                if (set is null || !set.Contains(offset))
                {
                    missing.Add(offset);
                }
            }
        }

        return missing;
    }

    /// <summary>Latencies of scores that arrived in run seconds [<paramref name="fromSecond"/>, <paramref name="toSecond"/>).</summary>
    public HistogramBase Window(int fromSecond, int toSecond)
    {
        var merged = NewHistogram();
        lock (_lock)
        {
            for (var s = Math.Max(0, fromSecond); s < Math.Min(toSecond, _perSecond.Count); s++)
            {
                if (_perSecond[s] is { } histogram)
                {
                    merged.Add(histogram);
                }
            }
        }

        return merged;
    }

    /// <summary>Scores that arrived in run second <paramref name="second"/>, and their p50 and p99 in milliseconds.</summary>
    public (long Count, double P50Ms, double P99Ms) Second(int second)
    {
        lock (_lock)
        {
            if (second < 0 || second >= _perSecond.Count || _perSecond[second] is not { } histogram || histogram.TotalCount == 0)
            {
                return (0, double.NaN, double.NaN);
            }

            return (histogram.TotalCount, histogram.GetValueAtPercentile(50) / 1000.0, histogram.GetValueAtPercentile(99) / 1000.0);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private static IntHistogram NewHistogram() => new(1, HighestTrackableMicros, 3);

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
            }
            catch (ConsumeException)
            {
                continue;
            }

            if (result?.Message?.Value is { } value)
            {
                Record(value);
            }
        }
    }

    private void Record(byte[] value)
    {
        if (!ScoreRecordReader.TryRead(value, out var fields))
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }

        var micros = (long)(_timeProvider.GetUtcNow() - fields.Ts).TotalMicroseconds;
        var elapsed = _clock.Elapsed;
        var second = RunClock.SecondOf(elapsed);
        lock (_lock)
        {
            if (!_seen.TryGetValue(fields.Partition, out var set))
            {
                _seen[fields.Partition] = set = new OffsetSet();
            }

            if (!set.Add(fields.Offset))
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }

            while (_perSecond.Count <= second)
            {
                _perSecond.Add(null);
            }

            (_perSecond[second] ??= NewHistogram()).RecordValue(Math.Clamp(micros, 1, HighestTrackableMicros));
            _firstSeenVersion.TryAdd(fields.ModelVersion, elapsed);
            _versionOrder.Add(fields.Entity, fields.Partition, fields.Offset, fields.ModelVersion);
        }

        Interlocked.Increment(ref _distinct);
    }
}
