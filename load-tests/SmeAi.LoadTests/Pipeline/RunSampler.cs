using System.Diagnostics;

namespace SmeAi.LoadTests.Pipeline;

/// <summary>One second of a run: cumulative produced and scored counts, and the silo processes' CPU and memory.</summary>
/// <param name="Second">Run second the sample was taken at the end of.</param>
/// <param name="Produced">Events acknowledged by the broker since the run began.</param>
/// <param name="Scored">Distinct events scored since the run began.</param>
/// <param name="CpuCores">Cores the silo processes kept busy over the second, summed.</param>
/// <param name="WorkingSetMiB">Working set of the silo processes, summed.</param>
internal sealed record RunSample(int Second, long Produced, long Scored, double CpuCores, double WorkingSetMiB)
{
    /// <summary>Events produced but not yet scored: the pipeline's lag behind the producer.</summary>
    public long Lag => Math.Max(0, Produced - Scored);
}

/// <summary>
/// Samples once a second, on its own thread: producer and collector counts, and CPU time and working set of each
/// silo process (read from /proc by <see cref="Process"/>; a process that exited counts zero).
/// </summary>
internal sealed class RunSampler : IDisposable
{
    private readonly RunClock _clock;
    private readonly TelemetryLoad _load;
    private readonly ScoreCollector _collector;
    private readonly List<RunSample> _samples = [];
    private readonly Dictionary<int, (Process Process, TimeSpan Cpu)> _silos = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public RunSampler(RunClock clock, TelemetryLoad load, ScoreCollector collector)
    {
        _clock = clock;
        _load = load;
        _collector = collector;
        _thread = new Thread(Run) { IsBackground = true, Name = "run-sampler" };
        _thread.Start();
    }

    public IReadOnlyList<RunSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Starts sampling the silo process <paramref name="processId"/>.</summary>
    public void Watch(int processId)
    {
        var process = Process.GetProcessById(processId);
        lock (_lock)
        {
            _silos[processId] = (process, process.TotalProcessorTime);
        }
    }

    /// <summary>Samples in run seconds [<paramref name="fromSecond"/>, <paramref name="toSecond"/>).</summary>
    public IReadOnlyList<RunSample> Window(int fromSecond, int toSecond) => [.. Samples.Where(s => s.Second >= fromSecond && s.Second < toSecond)];

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        foreach (var (process, _) in _silos.Values)
        {
            process.Dispose();
        }

        _stop.Dispose();
    }

    private void Run()
    {
        var next = RunClock.SecondOf(_clock.Elapsed) + 1;
        while (!_stop.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(next) - _clock.Elapsed;
            if (wait > TimeSpan.Zero && _stop.Token.WaitHandle.WaitOne(wait))
            {
                return;
            }

            Sample(next - 1);
            next++;
        }
    }

    private void Sample(int second)
    {
        lock (_lock)
        {
            double cores = 0, workingSet = 0;
            foreach (var (id, (process, lastCpu)) in _silos.ToList())
            {
                try
                {
                    process.Refresh();
                    if (process.HasExited)
                    {
                        continue;
                    }

                    var cpu = process.TotalProcessorTime;
                    cores += (cpu - lastCpu).TotalSeconds;
                    workingSet += process.WorkingSet64 / 1024.0 / 1024.0;
                    _silos[id] = (process, cpu);
                }
                catch (InvalidOperationException)
                {
                    // Exited between the check and the read.
                }
            }

            _samples.Add(new RunSample(second, _load.Delivered, _collector.Distinct, cores, workingSet));
        }
    }
}
