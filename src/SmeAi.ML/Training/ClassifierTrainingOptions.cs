namespace SmeAi.ML.Training;

/// <summary>Options of <see cref="ClassifierTrainer"/>.</summary>
public sealed class ClassifierTrainingOptions : TrainingOptions
{
    public ClassifierTrainingOptions()
    {
        Epochs = 40;
        BatchSize = 128;
        HiddenSizes = [32];
    }

    /// <summary>Weights positives by negatives/positives in the loss, so the rare class is not ignored.</summary>
    public bool UseClassWeighting { get; set; } = true;

    /// <summary>L2 penalty (Adam weight decay).</summary>
    public double WeightDecay { get; set; } = 1e-4;

    /// <summary>Fewer positives (or negatives) than this and the trainer refuses with <see cref="RefusalReason.TooLittleData"/>.</summary>
    public int MinimumPerClass { get; set; } = 20;

    /// <summary>
    /// Networks trained on the same rows with seeds <see cref="TrainingOptions.Seed"/>, +1, ...; the model's logit is
    /// their mean, which evens out what one seed's initialisation and shuffles make of few positives. Default 1.
    /// </summary>
    public int EnsembleSize { get; set; } = 1;
}

public sealed class ClassifierTrainingOptionsValidator : TrainingOptionsValidator<ClassifierTrainingOptions>
{
    public static ClassifierTrainingOptionsValidator Instance { get; } = new();

    protected override void ValidateMore(ClassifierTrainingOptions options, List<string> failures)
    {
        Require(failures, options.WeightDecay is >= 0 and < 1, "WeightDecay must be in [0, 1).");
        Require(failures, options.MinimumPerClass >= 1, "MinimumPerClass must be at least 1.");
        Require(failures, options.EnsembleSize is >= 1 and <= 16, "EnsembleSize must be in [1, 16].");
    }
}
