namespace SmeAi.Simulator.Internal;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small generator whose sequence is fixed by its seed on every
/// runtime version, unlike <see cref="Random"/>. Each entity gets its own generator, derived from the run's
/// seed, a domain name and the entity's index, so one entity's draws never shift another's.
/// </summary>
internal sealed class SimRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareNormal;

    public SimRandom(ulong seed)
    {
        _s0 = SplitMix64(ref seed);
        _s1 = SplitMix64(ref seed);
        _s2 = SplitMix64(ref seed);
        _s3 = SplitMix64(ref seed);
    }

    /// <summary>A generator for one stream of one domain (e.g. "factory-run", machine 3) of the run seeded by <paramref name="seed"/>.</summary>
    public static SimRandom For(long seed, string domain, long index = 0)
    {
        // FNV-1a over the domain name, then mixed with the seed and index.
        var hash = 14695981039346656037UL;
        foreach (var c in domain)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var state = hash ^ unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        var mixed = SplitMix64(ref state) ^ unchecked((ulong)index * 0xD1B54A32D192ED03UL);
        return new SimRandom(SplitMix64(ref mixed));
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)Math.Min(maxExclusive - 1, Math.Floor(NextDouble() * maxExclusive));
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    public TimeSpan Uniform(TimeSpan min, TimeSpan max) => TimeSpan.FromTicks(min.Ticks + (long)((max.Ticks - min.Ticks) * NextDouble()));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = radius * Math.Sin(2.0 * Math.PI * u2);
        return radius * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double standardDeviation) => mean + (standardDeviation * Normal());

    /// <summary>Log-normal with the given median and log-space spread.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    public int Poisson(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(Normal(mean, Math.Sqrt(mean))));
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        var product = NextDouble();
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var target = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary><paramref name="count"/> distinct indices of [0, <paramref name="populationSize"/>), in draw order.</summary>
    public List<int> Sample(int populationSize, int count)
    {
        var indices = Enumerable.Range(0, populationSize).ToArray();
        count = Math.Min(count, populationSize);
        for (var i = 0; i < count; i++)
        {
            var j = i + Next(populationSize - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return [.. indices.Take(count)];
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
