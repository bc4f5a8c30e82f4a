using SmeAi.ML.Training;

namespace SmeAi.Evaluation.Evaluators;

/// <summary>Copies of trainer options with the evaluation's seed, so the caller's option objects are never changed.</summary>
internal static class TrainerOptionsCopy
{
    public static ClassifierTrainingOptions WithSeed(this ClassifierTrainingOptions o, int seed) => Common(o, new ClassifierTrainingOptions
    {
        UseClassWeighting = o.UseClassWeighting,
        WeightDecay = o.WeightDecay,
        MinimumPerClass = o.MinimumPerClass,
        EnsembleSize = o.EnsembleSize,
    }, seed);

    public static VaeTrainingOptions WithSeed(this VaeTrainingOptions o, int seed) => Common(o, new VaeTrainingOptions
    {
        LatentSize = o.LatentSize,
        KlWeight = o.KlWeight,
    }, seed);

    public static GanTrainingOptions WithSeed(this GanTrainingOptions o, int seed) => Common(o, new GanTrainingOptions
    {
        NoiseSize = o.NoiseSize,
        CriticSteps = o.CriticSteps,
        GradientPenaltyWeight = o.GradientPenaltyWeight,
    }, seed);

    private static T Common<T>(TrainingOptions source, T copy, int seed)
        where T : TrainingOptions
    {
        copy.Epochs = source.Epochs;
        copy.LearningRate = source.LearningRate;
        copy.BatchSize = source.BatchSize;
        copy.MaxThreads = source.MaxThreads;
        copy.MinimumRows = source.MinimumRows;
        copy.HeldOutFraction = source.HeldOutFraction;
        copy.MinimumScoreStd = source.MinimumScoreStd;
        copy.ExportTolerance = source.ExportTolerance;
        copy.HiddenSizes = source.HiddenSizes;
        copy.Seed = seed;
        return copy;
    }
}
