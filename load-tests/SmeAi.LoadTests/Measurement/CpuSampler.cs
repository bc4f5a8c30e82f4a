using System.Diagnostics;

namespace SmeAi.LoadTests.Measurement;

/// <summary>Process CPU time over a wall-clock interval: how many cores the process kept busy on average.</summary>
internal readonly struct CpuSampler
{
    private readonly TimeSpan _cpuStart;
    private readonly long _wallStart;

    private CpuSampler(TimeSpan cpuStart, long wallStart)
    {
        _cpuStart = cpuStart;
        _wallStart = wallStart;
    }

    public static CpuSampler Start() => new(ProcessCpu(), Stopwatch.GetTimestamp());

    /// <summary>Average busy cores since <see cref="Start"/>.</summary>
    public double Cores() => CoresUntil(Start());

    /// <summary>Average busy cores from this reading to a later one.</summary>
    public double CoresUntil(CpuSampler end)
    {
        var wall = Stopwatch.GetElapsedTime(_wallStart, end._wallStart);
        return wall > TimeSpan.Zero ? (end._cpuStart - _cpuStart) / wall : 0;
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
