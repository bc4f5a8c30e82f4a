using SmeAi.ML.Training;

namespace SmeAi.Evaluation.Datasets;

/// <summary>
/// Row indices of the training part and the held-out (test) part of one dataset. Deterministic for a seed; the two parts
/// never overlap. Trainers see only <see cref="Train"/>; every reported metric is computed on <see cref="Test"/> only.
/// </summary>
public sealed record HeldOutSplit(IReadOnlyList<int> Train, IReadOnlyList<int> Test)
{
    /// <summary>Stratified by label, so the held-out part keeps the positive rate.</summary>
    public static HeldOutSplit Stratified(IReadOnlyList<bool> labels, double testFraction, int seed)
    {
        var (train, test) = DataSplit.Stratified(labels, testFraction, seed);
        return new HeldOutSplit(train, test);
    }

    /// <summary>Whole groups (for example engines) go to one side; returns the held-out group keys.</summary>
    public static IReadOnlySet<int> Groups(IReadOnlyList<int> groups, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var ordered = groups.Distinct().Order().ToArray();
        new Random(seed).Shuffle(ordered);
        var take = (int)Math.Round(ordered.Length * testFraction);
        return ordered[..take].ToHashSet();
    }

    public T[] TrainOf<T>(IReadOnlyList<T> source) => DataSplit.Select(source, [.. Train]);

    public T[] TestOf<T>(IReadOnlyList<T> source) => DataSplit.Select(source, [.. Test]);

    /// <summary>
    /// The evaluation's split of a dataset, offline and through the pipeline alike: a stratified subsample of at most
    /// <paramref name="maxRows"/> rows (all by default), then its stratified held-out part. The split's indices are
    /// positions in <c>Kept</c>, which holds the dataset's row indices in file order.
    /// </summary>
    public static (int[] Kept, HeldOutSplit Split) OfSubsample(IReadOnlyList<bool> labels, int? maxRows, double testFraction, int seed)
    {
        var kept = Subsample(labels, maxRows ?? int.MaxValue, seed);
        return (kept, Stratified([.. kept.Select(i => labels[i])], testFraction, seed));
    }

    /// <summary>A deterministic stratified subsample of <paramref name="labels"/> of at most <paramref name="maxRows"/> indices, in file order.</summary>
    public static int[] Subsample(IReadOnlyList<bool> labels, int maxRows, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (maxRows >= labels.Count)
        {
            return [.. Enumerable.Range(0, labels.Count)];
        }

        var (_, kept) = DataSplit.Stratified(labels, (double)maxRows / labels.Count, seed ^ 0x5EED);
        Array.Sort(kept);
        return kept;
    }
}
