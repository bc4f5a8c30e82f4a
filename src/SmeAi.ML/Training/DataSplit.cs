namespace SmeAi.ML.Training;

/// <summary>Seeded, reproducible shuffles and splits of row indices.</summary>
public static class DataSplit
{
    public static int[] Permutation(int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var indices = new int[count];
        for (var i = 0; i < count; i++)
        {
            indices[i] = i;
        }

        random.Shuffle(indices);
        return indices;
    }

    /// <summary>Random split: the first list gets <c>1 - heldOutFraction</c> of the indices.</summary>
    public static (int[] Train, int[] HeldOut) Random(int count, double heldOutFraction, int seed)
    {
        var permutation = Permutation(count, new Random(seed));
        var heldOut = (int)Math.Round(count * heldOutFraction);
        return (permutation[heldOut..], permutation[..heldOut]);
    }

    /// <summary>Split that keeps the class ratio in both parts.</summary>
    public static (int[] Train, int[] HeldOut) Stratified(IReadOnlyList<bool> labels, double heldOutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var random = new Random(seed);
        var train = new List<int>();
        var heldOut = new List<int>();
        foreach (var positive in new[] { false, true })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == positive).ToArray();
            random.Shuffle(members);
            var take = (int)Math.Round(members.Length * heldOutFraction);
            heldOut.AddRange(members[..take]);
            train.AddRange(members[take..]);
        }

        var trainArray = train.ToArray();
        var heldOutArray = heldOut.ToArray();
        random.Shuffle(trainArray);
        random.Shuffle(heldOutArray);
        return (trainArray, heldOutArray);
    }

    public static T[] Select<T>(IReadOnlyList<T> source, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(indices);
        var result = new T[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            result[i] = source[indices[i]];
        }

        return result;
    }
}
