namespace SmeAi.LoadTests.Measurement;

/// <summary>
/// The offsets of one partition seen so far, as a growable bitset: score records are deduplicated by (partition,
/// offset), and a lost event is an offset the producer wrote that never came back. Not thread-safe.
/// </summary>
internal sealed class OffsetSet
{
    private ulong[] _bits = new ulong[1024];

    /// <summary>Adds <paramref name="offset"/>; false when it was already there (a duplicate score).</summary>
    public bool Add(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var word = (int)(offset >> 6);
        if (word >= _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(_bits.Length * 2, word + 1));
        }

        var mask = 1UL << (int)(offset & 63);
        if ((_bits[word] & mask) != 0)
        {
            return false;
        }

        _bits[word] |= mask;
        return true;
    }

    public bool Contains(long offset)
    {
        var word = offset >> 6;
        return offset >= 0 && word < _bits.Length && (_bits[word] & (1UL << (int)(offset & 63))) != 0;
    }

    /// <summary>Offsets in [<paramref name="from"/>, <paramref name="to"/>) not seen.</summary>
    public long CountMissing(long from, long to)
    {
        long missing = 0;
        for (var offset = from; offset < to; offset++)
        {
            if (!Contains(offset))
            {
                missing++;
            }
        }

        return missing;
    }
}
