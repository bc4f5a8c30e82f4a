using Microsoft.Extensions.Logging;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>
/// Closes every queue of a provider to reading while the process's managed memory is near what it may use, so a silo
/// that falls behind slows its intake instead of running out of memory: what is already cached is still delivered
/// and purged, and reading resumes when memory falls 5 points below the threshold (Orleans' activation shedding, or the
/// caches draining, gets it there). Usage is measured as Orleans measures it for shedding: memory the GC has committed
/// less its fragmentation, against the memory it may use (the heap hard limit, a container's limit, or RAM).
/// </summary>
/// <remarks>
/// The GC measures only when it collects, and a silo that stopped reading allocates little, so its last measurement can
/// stay high for minutes after shed grains and drained caches became garbage (seen in a benchmark: closed at 97.8 %
/// with the heap at 76 %, and nothing read again). While closed, the gate therefore asks for a background full
/// collection when no full collection has happened for <see cref="StaleAfterMs"/>.
/// </remarks>
internal sealed partial class KafkaMemoryGate
{
    private const long RefreshMs = 250;

    /// <summary>While closed, a measurement this old without a full collection since is refreshed by one.</summary>
    private const long StaleAfterMs = 2_000;

    /// <summary>Reading resumes this many points below the threshold, so it does not flap at the line.</summary>
    private const double ReopenMarginPercent = 5;

    private readonly double _thresholdPercent;
    private readonly Func<MemoryReading> _measure;
    private readonly Action _collect;
    private readonly Func<long> _clockMs;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private long _nextRefreshMs = long.MinValue;
    private long _lastCollection = -1;
    private long _lastCollectionSeenMs;
    private volatile bool _closed;

    /// <param name="thresholdPercent">Share of the available memory (0-100) at which reading stops; 100 or more never stops it.</param>
    /// <param name="measure">The GC's last measurement when null.</param>
    /// <param name="collect">A background full collection when null.</param>
    /// <param name="clockMs">Milliseconds clock; <see cref="Environment.TickCount64"/> when null.</param>
    public KafkaMemoryGate(
        double thresholdPercent, ILogger logger, Func<MemoryReading>? measure = null, Action? collect = null, Func<long>? clockMs = null)
    {
        _thresholdPercent = thresholdPercent;
        _logger = logger;
        _measure = measure ?? MeasureGc;
        _collect = collect ?? (() => GC.Collect(2, GCCollectionMode.Forced, blocking: false));
        _clockMs = clockMs ?? (() => Environment.TickCount64);
    }

    /// <summary>Whether reading is stopped; measures again at most every 250 ms, since every queue asks every poll.</summary>
    public bool IsClosed
    {
        get
        {
            if (_thresholdPercent >= 100)
            {
                return false;
            }

            var now = _clockMs();
            if (now >= Interlocked.Read(ref _nextRefreshMs) && _lock.TryEnter())
            {
                try
                {
                    Volatile.Write(ref _nextRefreshMs, now + RefreshMs);
                    Refresh(now);
                }
                finally
                {
                    _lock.Exit();
                }
            }

            return _closed;
        }
    }

    private void Refresh(long now)
    {
        var reading = _measure();
        if (reading.Collection != _lastCollection)
        {
            _lastCollection = reading.Collection;
            _lastCollectionSeenMs = now;
        }
        else if (_closed && now - _lastCollectionSeenMs >= StaleAfterMs)
        {
            _lastCollectionSeenMs = now;
            _collect();
        }

        if (reading.Available <= 0)
        {
            return;
        }

        var percent = 100.0 * reading.Used / reading.Available;
        var closed = _closed ? percent >= _thresholdPercent - ReopenMarginPercent : percent >= _thresholdPercent;
        if (closed == _closed)
        {
            return;
        }

        _closed = closed;
        if (closed)
        {
            LogClosed(_logger, percent, _thresholdPercent, reading.Used / (1024 * 1024), reading.Available / (1024 * 1024));
        }
        else
        {
            LogOpened(_logger, percent, _thresholdPercent);
        }
    }

    /// <remarks>
    /// Staleness counts full collections only: a gen0 collection measures again but frees none of the gen2 garbage that
    /// shed grains become, so a silo still delivering its cache could otherwise keep a high reading for ever.
    /// </remarks>
    private static MemoryReading MeasureGc()
    {
        var info = GC.GetGCMemoryInfo();
        return new(Math.Max(0, info.TotalCommittedBytes - info.FragmentedBytes), info.TotalAvailableMemoryBytes, GC.CollectionCount(2));
    }

    [LoggerMessage(EventId = 3042, Level = LogLevel.Warning, Message = "Memory at {Percent:F1}% of what the process may use (threshold {Threshold}%, {UsedMiB} of {AvailableMiB} MiB): Kafka partitions are not read until it falls")]
    private static partial void LogClosed(ILogger logger, double percent, double threshold, long usedMiB, long availableMiB);

    [LoggerMessage(EventId = 3043, Level = LogLevel.Information, Message = "Memory back at {Percent:F1}% (threshold {Threshold}%): Kafka partitions are read again")]
    private static partial void LogOpened(ILogger logger, double percent, double threshold);
}
