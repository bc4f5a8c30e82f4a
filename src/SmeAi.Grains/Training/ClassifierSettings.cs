using SmeAi.ML.Training;

namespace SmeAi.Grains.Training;

/// <summary>
/// Classifier settings for the models whose name starts with one prefix (<c>Training:Classifiers:&lt;prefix&gt;</c>);
/// what is left unset takes the trainer's <see cref="TrainerOptions.Epochs"/> and the classifier defaults.
/// </summary>
public sealed class ClassifierSettings
{
    /// <summary>Hidden layer widths, e.g. <c>[256]</c>. An array, so configuration replaces the default instead of appending to it.</summary>
    public int[]? HiddenSizes { get; set; }

    public int? Epochs { get; set; }

    public int? BatchSize { get; set; }

    /// <summary>Adam's learning rate.</summary>
    public double? LearningRate { get; set; }

    /// <summary>Networks trained with consecutive seeds whose logits are averaged (<see cref="ClassifierTrainingOptions.EnsembleSize"/>).</summary>
    public int? EnsembleSize { get; set; }

    /// <summary>L2 penalty (Adam weight decay).</summary>
    public double? WeightDecay { get; set; }

    /// <summary>Weight positives by negatives/positives in the loss.</summary>
    public bool? UseClassWeighting { get; set; }

    /// <summary>Samples kept for these models, instead of <see cref="TrainerOptions.ReservoirCapacity"/>.</summary>
    public int? ReservoirCapacity { get; set; }

    /// <summary>These settings, with <paramref name="fallback"/>'s where these are unset.</summary>
    internal ClassifierSettings Over(ClassifierSettings fallback) => new()
    {
        HiddenSizes = HiddenSizes ?? fallback.HiddenSizes,
        Epochs = Epochs ?? fallback.Epochs,
        BatchSize = BatchSize ?? fallback.BatchSize,
        LearningRate = LearningRate ?? fallback.LearningRate,
        EnsembleSize = EnsembleSize ?? fallback.EnsembleSize,
        WeightDecay = WeightDecay ?? fallback.WeightDecay,
        UseClassWeighting = UseClassWeighting ?? fallback.UseClassWeighting,
        ReservoirCapacity = ReservoirCapacity ?? fallback.ReservoirCapacity,
    };

    internal ClassifierTrainingOptions ToTrainingOptions(int defaultEpochs, int seed)
    {
        var options = new ClassifierTrainingOptions { Epochs = Epochs ?? defaultEpochs, Seed = seed };
        options.HiddenSizes = HiddenSizes ?? options.HiddenSizes;
        options.BatchSize = BatchSize ?? options.BatchSize;
        options.LearningRate = LearningRate ?? options.LearningRate;
        options.EnsembleSize = EnsembleSize ?? options.EnsembleSize;
        options.WeightDecay = WeightDecay ?? options.WeightDecay;
        options.UseClassWeighting = UseClassWeighting ?? options.UseClassWeighting;
        return options;
    }
}
