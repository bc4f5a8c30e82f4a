using SmeAi.ML.Features;

namespace SmeAi.ML.Tests;

/// <summary>Seeded synthetic tables: correlated "normal" sensor rows and rows with injected anomalies.</summary>
internal static class SyntheticData
{
    public const int Features = 8;

    public static FeatureSchema Schema { get; } = new("synthetic-sensors", 1, Enumerable.Range(0, Features).Select(i => $"sensor{i}"));

    private static readonly float[,] _mixing = CreateMixing();

    /// <summary>Rows driven by two hidden factors plus small noise: a 2-dimensional manifold in 8 dimensions.</summary>
    public static float[][] Normal(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count][];
        for (var r = 0; r < count; r++)
        {
            var z1 = Gaussian(random);
            var z2 = Gaussian(random);
            var row = new float[Features];
            for (var f = 0; f < Features; f++)
            {
                row[f] = (float)((_mixing[f, 0] * z1) + (_mixing[f, 1] * z2) + (0.1 * Gaussian(random)) + (10 * f));
            }

            rows[r] = row;
        }

        return rows;
    }

    /// <summary>Normal rows with two features pushed 3-5 units away (the features' spread is about 1).</summary>
    public static float[][] Anomalous(int count, int seed)
    {
        var random = new Random(seed + 7919);
        var rows = Normal(count, seed);
        foreach (var row in rows)
        {
            var first = random.Next(Features);
            var second = (first + 1 + random.Next(Features - 1)) % Features;
            row[first] += (float)((random.Next(2) == 0 ? -1 : 1) * (3 + (2 * random.NextDouble())));
            row[second] += (float)((random.Next(2) == 0 ? -1 : 1) * (3 + (2 * random.NextDouble())));
        }

        return rows;
    }

    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static float[,] CreateMixing()
    {
        var random = new Random(1234);
        var mixing = new float[Features, 2];
        for (var f = 0; f < Features; f++)
        {
            mixing[f, 0] = (float)((random.NextDouble() * 1.6) - 0.8);
            mixing[f, 1] = (float)((random.NextDouble() * 1.6) - 0.8);
        }

        return mixing;
    }
}
