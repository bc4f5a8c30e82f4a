namespace SmeAi.ML.Training;

/// <summary>Options of <see cref="GanTrainer"/> (WGAN-GP). <see cref="TrainingOptions.Epochs"/> counts generator steps.</summary>
public sealed class GanTrainingOptions : TrainingOptions
{
    public GanTrainingOptions()
    {
        Epochs = 1000;
        LearningRate = 1e-3;
        MinimumRows = 30;
        HiddenSizes = [32, 32];
    }

    public int NoiseSize { get; set; } = 16;

    /// <summary>Critic updates per generator update.</summary>
    public int CriticSteps { get; set; } = 5;

    public double GradientPenaltyWeight { get; set; } = 10;
}

public sealed class GanTrainingOptionsValidator : TrainingOptionsValidator<GanTrainingOptions>
{
    public static GanTrainingOptionsValidator Instance { get; } = new();

    protected override void ValidateMore(GanTrainingOptions options, List<string> failures)
    {
        Require(failures, options.NoiseSize is >= 1 and <= 1024, "NoiseSize must be in [1, 1024].");
        Require(failures, options.CriticSteps is >= 1 and <= 100, "CriticSteps must be in [1, 100].");
        Require(failures, options.GradientPenaltyWeight is >= 0 and <= 1000, "GradientPenaltyWeight must be in [0, 1000].");
    }
}
