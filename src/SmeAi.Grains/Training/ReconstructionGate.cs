using SmeAi.ML.Inference;

namespace SmeAi.Grains.Training;

/// <summary>
/// How well a VAE version reconstructs the gate slice's unlabelled rows, on a scale shared by every version. A VAE's raw
/// score is in its own standardised units (its normaliser, fit on its own training sample), so a version trained on a
/// wide-spread sample reports small errors everywhere and one that saw a rare value once reports huge ones; compared
/// across versions, those units decided the gate rather than the reconstructions. Here each version's reconstruction is
/// mapped back to the features' original units and a row's error is the mean squared residual there; over the rows, the
/// median, so a few unlabelled outliers in the gate slice (attacks, a failing machine) do not decide which version stays.
/// Chosen on validation slices of the NSL-KDD and C-MAPSS training parts against the versions' AUROC (docs/evaluation.md):
/// residuals standardised by the gate slice's own spread agreed with AUROC less often than original units did.
/// </summary>
public static class ReconstructionGate
{
    /// <summary>What <see cref="MedianError"/> measures, for the gate's comparison text.</summary>
    public const string Measure = "median reconstruction error in original feature units (mean squared residual per row)";

    /// <summary>The median over <paramref name="rows"/> of <see cref="RowError"/>; 0 for no rows.</summary>
    public static double MedianError(VaeScorer scorer, IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        var reconstruction = new float[scorer.Schema.Count];
        var errors = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            errors[i] = RowError(scorer, rows[i], reconstruction);
        }

        Array.Sort(errors);
        var middle = errors.Length / 2;
        return errors.Length % 2 == 1 ? errors[middle] : (errors[middle - 1] + errors[middle]) / 2;
    }

    /// <summary>The mean over features of (x - x̂)², with x̂ the version's reconstruction in original units.</summary>
    public static double RowError(VaeScorer scorer, ReadOnlySpan<float> row, Span<float> reconstruction)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        scorer.ReconstructInOriginalUnits(row, reconstruction);
        double sum = 0;
        for (var j = 0; j < row.Length; j++)
        {
            var residual = (double)row[j] - reconstruction[j];
            sum += residual * residual;
        }

        return sum / row.Length;
    }
}
