using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace SmeAi.Evaluation.Baselines;

/// <summary>
/// The ML.NET 6.0 baselines, trained and scored on exactly the rows our trainers get: LightGBM for the supervised
/// tasks and randomized PCA for anomaly detection. Seeded; single-threaded so a seed gives the same figures.
/// </summary>
public static class MlNetBaselines
{
    /// <summary>LightGBM binary classifier; returns the calibrated probability of each test row.</summary>
    /// <summary>LightGBM trained on the training rows; per test row the raw margin (to rank by) and the calibrated probability.</summary>
    public static (float[] Margins, float[] Probabilities) LightGbm(IReadOnlyList<float[]> trainRows, IReadOnlyList<bool> trainLabels, IReadOnlyList<float[]> testRows, int seed)
    {
        ArgumentNullException.ThrowIfNull(trainRows);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testRows);
        var ml = new MLContext(seed);
        var width = trainRows[0].Length;
        var train = Load(ml, trainRows.Select((r, i) => new LabeledRow { Features = r, Label = trainLabels[i] }), width);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(LabeledRow.Label),
            FeatureColumnName = nameof(LabeledRow.Features),
            NumberOfThreads = 1,
            Seed = seed,
            Silent = true,
        });
        var model = trainer.Fit(train);
        var test = Load(ml, testRows.Select(r => new LabeledRow { Features = r }), width);
        var predictions = ml.Data.CreateEnumerable<BinaryPrediction>(model.Transform(test), reuseRowObject: false).ToList();
        return ([.. predictions.Select(p => p.Score)], [.. predictions.Select(p => p.Probability)]);
    }

    /// <summary>
    /// Randomized PCA on standardised normal rows; returns the anomaly score of each test row (higher = more anomalous)
    /// and of each calibration row, so the caller can set the alert threshold the same way as for our models.
    /// </summary>
    public static (float[] Test, float[] Calibration) RandomizedPcaScores(
        IReadOnlyList<float[]> normalTrainRows, IReadOnlyList<float[]> calibrationRows, IReadOnlyList<float[]> testRows, int rank, int seed)
    {
        ArgumentNullException.ThrowIfNull(normalTrainRows);
        ArgumentNullException.ThrowIfNull(calibrationRows);
        ArgumentNullException.ThrowIfNull(testRows);
        var ml = new MLContext(seed);
        var width = normalTrainRows[0].Length;
        var pipeline = ml.Transforms.NormalizeMeanVariance(nameof(LabeledRow.Features), fixZero: false)
            .Append(ml.AnomalyDetection.Trainers.RandomizedPca(nameof(LabeledRow.Features), rank: Math.Min(rank, width - 1), ensureZeroMean: true, seed: seed));
        var model = pipeline.Fit(Load(ml, normalTrainRows.Select(r => new LabeledRow { Features = r }), width));
        float[] Score(IReadOnlyList<float[]> rows) =>
            [.. ml.Data.CreateEnumerable<AnomalyPrediction>(model.Transform(Load(ml, rows.Select(r => new LabeledRow { Features = r }), width)), reuseRowObject: false).Select(p => p.Score)];
        return (Score(testRows), Score(calibrationRows));
    }

    private static IDataView Load(MLContext ml, IEnumerable<LabeledRow> rows, int width)
    {
        var schema = SchemaDefinition.Create(typeof(LabeledRow));
        schema[nameof(LabeledRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(rows.ToList(), schema);
    }

    private sealed class LabeledRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class BinaryPrediction
    {
        public float Score { get; set; }

        public float Probability { get; set; }
    }

    private sealed class AnomalyPrediction
    {
        public float Score { get; set; }
    }
}
