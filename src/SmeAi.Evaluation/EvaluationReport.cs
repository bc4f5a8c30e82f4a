namespace SmeAi.Evaluation;

/// <summary>One figure for our model and the ML.NET baseline, measured on the same held-out rows.</summary>
/// <param name="Target">The target for our figure, if it has one.</param>
public sealed record MetricComparison(string Metric, double Ours, double Baseline, bool HigherIsBetter, double? Target = null)
{
    /// <summary><c>ours</c>, <c>ML.NET</c> or <c>tie</c> (equal to 3 decimals).</summary>
    public string Ahead => Math.Round(Ours, 3) == Math.Round(Baseline, 3) || (double.IsNaN(Ours) && double.IsNaN(Baseline))
        ? "tie"
        : (Ours > Baseline) == HigherIsBetter || double.IsNaN(Baseline) ? "ours" : "ML.NET";

    public bool? MeetsTarget => Target is { } target ? (HigherIsBetter ? Ours >= target : Ours <= target) : null;
}

/// <summary>The evaluation of one dataset.</summary>
public sealed record DatasetEvaluation(
    string Dataset,
    string Task,
    string OursMethod,
    string BaselineMethod,
    int TrainRows,
    int TestRows,
    IReadOnlyList<MetricComparison> Metrics,
    IReadOnlyList<string> Notes,
    TimeSpan Duration,
    int? TestPositives = null)
{
    public MetricComparison this[string metric] => Metrics.Single(m => m.Metric == metric);
}

/// <summary>The machine a report was measured on.</summary>
/// <param name="LoadAverage">One-minute load average when the run started (Linux), so durations on a shared machine can be read fairly.</param>
public sealed record MachineDescription(string OperatingSystem, string Processor, int ProcessorCount, string Runtime, long MemoryBytes, double? LoadAverage = null)
{
    public static MachineDescription Current()
    {
        var processor = "unknown";
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            processor = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? processor;
        }

        return new MachineDescription(
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            processor,
            Environment.ProcessorCount,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            ReadLoadAverage());
    }

    private static double? ReadLoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage)
            && double.TryParse(File.ReadAllText(loadAverage).Split(' ')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load)
            ? load
            : null;
    }
}

/// <summary>Everything one evaluation run measured.</summary>
public sealed record EvaluationReport(int Seed, DateTimeOffset StartedAt, TimeSpan Duration, MachineDescription Machine, string Command, IReadOnlyList<DatasetEvaluation> Datasets)
{
    /// <summary>Replays through a running pipeline (<c>smeai evaluate</c>); empty with <c>--offline-only</c>.</summary>
    public IReadOnlyList<Replay.PipelineEvaluation> Pipeline { get; init; } = [];
}
