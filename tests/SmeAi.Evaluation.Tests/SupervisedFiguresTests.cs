using SmeAi.Evaluation.Evaluators;

namespace SmeAi.Evaluation.Tests;

public sealed class SupervisedFiguresTests
{
    [Fact]
    public void Ranking_figures_come_from_the_margins_so_probabilities_saturated_at_one_do_not_tie()
    {
        bool[] labels = [true, false, true, false];
        float[] margins = [20f, 18f, 3f, -2f];

        // What a float sigmoid makes of them: the first two both read exactly 1.
        float[] probabilities = [.. margins.Select(m => 1f / (1f + MathF.Exp(-m)))];
        Assert.Equal(probabilities[0], probabilities[1]);

        var figures = SupervisedFigures.Of(margins, probabilities, labels, threshold: 0.5f);

        // Positives 20 and 3 against negatives 18 and -2: three of four pairs in order (tied, it would be 2.5 of 4).
        Assert.Equal(0.75, figures.RocAuc, 6);
        // F1 at p >= 0.5 on the probabilities: three rows flagged, two of them positive.
        Assert.Equal(2 * (2.0 / 3) * 1.0 / ((2.0 / 3) + 1.0), figures.F1, 6);
    }
}
