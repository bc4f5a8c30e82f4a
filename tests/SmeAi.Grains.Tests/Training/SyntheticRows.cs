using SmeAi.Abstractions.Training;
using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Training;

/// <summary>Seeded two-feature rows: normal ones around (10, 5), anomalies far away.</summary>
internal static class SyntheticRows
{
    public static readonly string[] FeatureNames = ["temperature", "vibration"];

    public static float[] Normal(Random random) => [10f + (float)Gaussian(random), 5f + 0.5f * (float)Gaussian(random)];

    public static float[] Anomaly(Random random) => [25f + (float)Gaussian(random), 12f + (float)Gaussian(random)];

    public static TrainingBatch NormalBatch(int count, int seed, DateTimeOffset start)
    {
        var random = new Random(seed);
        return new TrainingBatch(FeatureNames, [.. Enumerable.Range(0, count).Select(i => new TrainingSample($"m-{i % 20}", start.AddMinutes(i), Normal(random)))]);
    }

    public static List<ReservoirRow> NormalRows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new ReservoirRow($"m-{i % 20}", DateTimeOffset.UnixEpoch.AddMinutes(i), Normal(random), false))];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
