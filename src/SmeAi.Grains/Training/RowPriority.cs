using System.Numerics;

namespace SmeAi.Grains.Training;

/// <summary>
/// A training row's sampling priority: a 64-bit hash of its entity, event time and values under a model's seed. Keeping
/// the rows of smallest priority gives a uniform sample that does not depend on the order the rows arrived in.
/// </summary>
public static class RowPriority
{
    private const ulong Prime1 = 0x9E3779B185EBCA87;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;

    /// <summary>The sampling seed of one model: the trainer's seed and the model's name, so models sample independently.</summary>
    public static ulong SeedFor(int seed, string modelName) => Finish(((ulong)(uint)seed << 32) | StableHash.Of(modelName));

    /// <summary>The priority of a row; no allocation, since every offered row is hashed and most are dropped.</summary>
    public static ulong Of(ulong seed, string entityId, DateTimeOffset ts, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(entityId);
        var hash = seed ^ Prime2;
        foreach (var c in entityId)
        {
            hash = Round(hash, c);
        }

        // The entity's length separates "a" + "b..." from "ab" + "...".
        hash = Round(hash, (ulong)entityId.Length);
        hash = Round(hash, (ulong)ts.UtcTicks);
        foreach (var value in values)
        {
            hash = Round(hash, (uint)BitConverter.SingleToInt32Bits(value));
        }

        return Finish(Round(hash, (ulong)values.Length));
    }

    private static ulong Round(ulong hash, ulong word) => unchecked(BitOperations.RotateLeft(hash ^ (word * Prime1), 31) * Prime2);

    // SplitMix64's finaliser: every input bit reaches every output bit.
    private static ulong Finish(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }
}
