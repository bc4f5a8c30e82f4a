using SmeAi.Evaluation.Datasets;

namespace SmeAi.Evaluation.Evaluators;

/// <summary>AI4I 2020: machine failure ROC-AUC and PR-AUC on the held-out readings.</summary>
internal static class Ai4iEvaluation
{
    public const double TargetRocAuc = 0.98;

    public static DatasetEvaluation Run(EvaluationOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var data = Ai4i2020.Load(options.DatasetsDirectory);
        return SupervisedEvaluation.Run(
            "ai4i2020", "machine failure", data.Schema, data.Rows, data.Labels, options.Ai4iClassifier, options, (TargetRocAuc, null), "Reference (datasets README, scikit-learn): gradient boosting ROC-AUC 0.978, PR-AUC 0.832.", progress, cancellationToken,
            ganSkipped: "GAN augmentation not tried: on three validation slices of the training part, the augmentation procedure (a GAN on the positives, kept when validation PR-AUC improves) lowered ROC-AUC from 0.969 to 0.959. In the session that made these choices, a held-out figure (0.977, new features with augmentation still on) was seen before augmentation was turned off: the choice rests on the validation slices, but the held-out part was not untouched at that step.",
            features: "Features: the product type one-hot, the five measured quantities and physical combinations of them, computed per row without any label: process minus air temperature (heat dissipation), mechanical power = torque x rotational speed in rad/s (power failure), tool wear x torque (overstrain), temperature difference x rotational speed (heat dissipation is poor when both are low), log power and (power - 6 kW)^2 (power fails at both ends). The three last ones, the width (256) and no class weighting were chosen by mean validation ROC-AUC on three stratified 25 % slices of the training part (MLP 0.969, ML.NET LightGbm 0.971 there).");
    }
}
