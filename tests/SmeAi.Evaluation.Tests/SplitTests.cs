using SmeAi.Evaluation.Datasets;
using SmeAi.Evaluation.Evaluators;

namespace SmeAi.Evaluation.Tests;

public sealed class SplitTests
{
    [Fact]
    public void Train_and_test_parts_do_not_overlap_and_cover_every_row()
    {
        var labels = Enumerable.Range(0, 1_000).Select(i => i % 7 == 0).ToArray();

        var split = HeldOutSplit.Stratified(labels, 0.25, seed: 3);

        Assert.Empty(split.Train.Intersect(split.Test));
        Assert.Equal(Enumerable.Range(0, 1_000), split.Train.Concat(split.Test).Order());
        Assert.Equal(250, split.Test.Count);
        Assert.Equal(labels.Count(l => l) / 4.0, split.Test.Count(i => labels[i]), 1.0);
    }

    [Fact]
    public void A_subsample_is_stratified_and_the_same_for_a_seed()
    {
        var labels = Enumerable.Range(0, 5_000).Select(i => i % 10 == 0).ToArray();

        var first = HeldOutSplit.Subsample(labels, 1_000, seed: 5);

        Assert.Equal(first, HeldOutSplit.Subsample(labels, 1_000, seed: 5));
        Assert.Equal(1_000, first.Length);
        Assert.Equal(100, first.Count(i => labels[i]));
    }

    [Fact]
    public void Engines_are_held_out_whole()
    {
        var engines = Enumerable.Range(1, 100).SelectMany(e => Enumerable.Repeat(e, 3)).ToArray();

        var heldOut = HeldOutSplit.Groups(engines, 0.25, seed: 9);

        Assert.Equal(25, heldOut.Count);
        Assert.Equal(heldOut, HeldOutSplit.Groups(engines, 0.25, seed: 9));
    }

    [Fact]
    public void The_alert_rule_needs_consecutive_scores_to_raise_and_to_clear()
    {
        float[] scores = [0.995f, 0.2f, 0.995f, 0.995f, 0.995f, 0.95f, 0.5f, 0.5f, 0.995f, 0.5f, 0.5f, 0.5f, 0.995f, 0.995f, 0.995f];

        var raises = AlertHysteresis.Raises(scores, raiseAt: 0.99f, clearBelow: 0.9f, consecutive: 3);

        // Raised at index 4 (third high in a row); 0.95 neither clears nor counts; cleared at 11; raised again at 14.
        Assert.Equal([4, 14], raises);
    }
}
