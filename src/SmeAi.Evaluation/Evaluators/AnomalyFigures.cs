using SmeAi.ML.Calibration;
using SmeAi.ML.Metrics;

namespace SmeAi.Evaluation.Evaluators;

/// <summary>AUROC over raw anomaly scores; precision and recall of "alert when the calibrated score reaches the threshold".</summary>
internal sealed record AnomalyFigures(double Auroc, double Precision, double Recall, int Alerts)
{
    public static AnomalyFigures Of(float[] raw, ScoreCalibration calibration, bool[] labels, float threshold)
    {
        int truePositives = 0, alerts = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (calibration.Apply(raw[i]) >= threshold)
            {
                alerts++;
                truePositives += labels[i] ? 1 : 0;
            }
        }

        var positives = labels.Count(l => l);
        return new AnomalyFigures(
            BinaryMetrics.RocAuc(raw, labels),
            alerts == 0 ? 0 : (double)truePositives / alerts,
            positives == 0 ? 0 : (double)truePositives / positives,
            alerts);
    }
}
