using System.Collections.Immutable;
using SmeAi.ML.Features;
using SmeAi.ML.Inference;

namespace SmeAi.ML.Training;

/// <summary>
/// A trained generator that synthesises rows of the rare class in managed code: standard-normal noise ->
/// generator -> raw units, clipped to the range seen in the training rows (so one-hot and count columns stay plausible).
/// Immutable and thread-safe; <see cref="Sample"/> is deterministic for a seed.
/// </summary>
public sealed class TabularGan
{
    private readonly DenseNetwork _generator;
    private readonly ImmutableArray<float> _minimum;
    private readonly ImmutableArray<float> _maximum;

    public TabularGan(FeatureSchema schema, Normalizer normalizer, DenseNetwork generator, ImmutableArray<float> minimum, ImmutableArray<float> maximum)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(normalizer);
        ArgumentNullException.ThrowIfNull(generator);
        if (generator.OutputSize != schema.Count || normalizer.Count != schema.Count || minimum.Length != schema.Count || maximum.Length != schema.Count)
        {
            throw new ArgumentException("Generator, normalizer and bounds must all match the schema's width.", nameof(generator));
        }

        Schema = schema;
        Normalizer = normalizer;
        _generator = generator;
        _minimum = minimum;
        _maximum = maximum;
    }

    public FeatureSchema Schema { get; }

    public Normalizer Normalizer { get; }

    public int NoiseSize => _generator.InputSize;

    public float[][] Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var noise = new float[NoiseSize];
        var normalized = new float[Schema.Count];
        var scratch = new float[_generator.ScratchSize];
        var rows = new float[count][];
        for (var r = 0; r < count; r++)
        {
            for (var i = 0; i < noise.Length; i++)
            {
                noise[i] = (float)Gaussian(random);
            }

            _generator.Forward(noise, normalized, scratch);
            var row = new float[Schema.Count];
            Normalizer.Inverse(normalized, row);
            for (var f = 0; f < row.Length; f++)
            {
                row[f] = Math.Clamp(row[f], _minimum[f], _maximum[f]);
            }

            rows[r] = row;
        }

        return rows;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
