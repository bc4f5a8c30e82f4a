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
    public double Cores()
    {
        var wall = Stopwatch.GetElapsedTime(_wallStart);
        return wall > TimeSpan.Zero ? (ProcessCpu() - _cpuStart) / wall : 0;
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
