using Microsoft.Extensions.Logging;

namespace SmeAi.Streaming.Kafka.Cache;

/// <summary>
/// Closes every queue of a provider to reading while the process's managed memory is near what it may use, so a silo
/// that falls behind slows its intake instead of running out of memory: what is already cached is still delivered
/// and purged, and reading resumes when memory falls 5 points below the threshold (Orleans' activation shedding, or the
/// caches draining, gets it there). Usage is measured as Orleans measures it for shedding: memory the GC has committed
/// less its fragmentation, against the memory it may use (the heap hard limit, a container's limit, or RAM).
/// </summary>
internal sealed partial class KafkaMemoryGate
{
    private const long RefreshMs = 250;

    /// <summary>Reading resumes this many points below the threshold, so it does not flap at the line.</summary>
    private const double ReopenMarginPercent = 5;
    private readonly double _thresholdPercent;
    private readonly Func<(long Used, long Available)> _measure;
    private readonly Func<long> _clockMs;
    private readonly ILogger _logger;
    private long _nextRefreshMs = long.MinValue;
    private volatile bool _closed;

    /// <param name="thresholdPercent">Share of the available memory (0-100) at which reading stops; 100 or more never stops it.</param>
    /// <param name="measure">Used and available bytes; the GC's last measurement when null.</param>
    /// <param name="clockMs">Milliseconds clock; <see cref="Environment.TickCount64"/> when null.</param>
    public KafkaMemoryGate(double thresholdPercent, ILogger logger, Func<(long Used, long Available)>? measure = null, Func<long>? clockMs = null)
    {
        _thresholdPercent = thresholdPercent;
        _logger = logger;
        _measure = measure ?? MeasureGc;
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
            var due = Interlocked.Read(ref _nextRefreshMs);
            if (now >= due && Interlocked.CompareExchange(ref _nextRefreshMs, now + RefreshMs, due) == due)
            {
                Refresh();
            }

            return _closed;
        }
    }

    private void Refresh()
    {
        var (used, available) = _measure();
        if (available <= 0)
        {
            return;
        }

        var percent = 100.0 * used / available;
        var closed = _closed ? percent >= _thresholdPercent - ReopenMarginPercent : percent >= _thresholdPercent;
        if (closed == _closed)
        {
            return;
        }

        _closed = closed;
        if (closed)
        {
            LogClosed(_logger, percent, _thresholdPercent, used / (1024 * 1024), available / (1024 * 1024));
        }
        else
        {
            LogOpened(_logger, percent, _thresholdPercent);
        }
    }

    private static (long Used, long Available) MeasureGc()
    {
        var info = GC.GetGCMemoryInfo();
        return (Math.Max(0, info.TotalCommittedBytes - info.FragmentedBytes), info.TotalAvailableMemoryBytes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Memory at {Percent:F1}% of what the process may use (threshold {Threshold}%, {UsedMiB} of {AvailableMiB} MiB): Kafka partitions are not read until it falls")]
    private static partial void LogClosed(ILogger logger, double percent, double threshold, long usedMiB, long availableMiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory back at {Percent:F1}% (threshold {Threshold}%): Kafka partitions are read again")]
    private static partial void LogOpened(ILogger logger, double percent, double threshold);
}
