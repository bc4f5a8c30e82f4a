using System.Globalization;
using SmeAi.ML.Features;

namespace SmeAi.Evaluation.Datasets;

/// <summary>One cycle of one engine: three operating settings and 21 sensors (s1..s21).</summary>
public sealed record CmapssCycle(int Engine, int Cycle, IReadOnlyList<double> Settings, IReadOnlyList<double> Sensors);

/// <summary>The run-to-failure training engines of FD001; each engine fails after its last cycle.</summary>
public sealed record CmapssData(IReadOnlyList<CmapssCycle> Cycles)
{
    public IReadOnlyList<int> Engines { get; } = [.. Cycles.Select(c => c.Engine).Distinct().Order()];

    /// <summary>The last recorded cycle of each engine: its failure cycle.</summary>
    public IReadOnlyDictionary<int, int> FailureCycle { get; } = Cycles.GroupBy(c => c.Engine).ToDictionary(g => g.Key, g => g.Max(c => c.Cycle));
}

/// <summary>
/// Reads <c>cmapss/train_FD001.txt</c> (space separated, no header: unit, cycle, 3 settings, 21 sensors).
/// The model's sensor set leaves out the sensors that are constant in FD001 (s1, s5, s6, s10, s16, s18, s19) and the
/// operating settings (FD001 has one operating condition).
/// </summary>
public static class CmapssFd001
{
    public const string Folder = "cmapss";
    public const string TrainFile = "train_FD001.txt";
    public const int SensorCount = 21;

    /// <summary>1-based sensor numbers that vary in FD001.</summary>
    public static IReadOnlyList<int> InformativeSensors { get; } = [2, 3, 4, 7, 8, 9, 11, 12, 13, 14, 15, 17, 20, 21];

    public static FeatureSchema Schema { get; } = new("cmapss-fd001", 1, InformativeSensors.Select(SensorName));

    public static string SensorName(int sensor) => $"s{sensor}";

    public static CmapssData Load(string datasetsDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetsDirectory);
        using var reader = new StreamReader(Path.Combine(datasetsDirectory, Folder, TrainFile));
        return Load(reader);
    }

    public static CmapssData Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var cycles = new List<CmapssCycle>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length != 5 + SensorCount)
            {
                throw new InvalidDataException($"C-MAPSS line {cycles.Count + 1} has {fields.Length} fields; 26 are expected.");
            }

            var values = fields.Select(f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            cycles.Add(new CmapssCycle((int)values[0], (int)values[1], values[2..5], values[5..]));
        }

        return new CmapssData(cycles);
    }

    /// <summary>The model row of one cycle, ordered as <see cref="Schema"/>.</summary>
    public static float[] Encode(CmapssCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return [.. InformativeSensors.Select(s => (float)cycle.Sensors[s - 1])];
    }
}
