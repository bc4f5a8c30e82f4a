namespace SmeAi.ML.Training;

/// <summary>Options of <see cref="VaeTrainer"/>.</summary>
public sealed class VaeTrainingOptions : TrainingOptions
{
    public int LatentSize { get; set; } = 4;

    /// <summary>Weight of the KL term (beta-VAE); small values favour sharp reconstructions, which suits anomaly scores.</summary>
    public double KlWeight { get; set; } = 0.1;
}

public sealed class VaeTrainingOptionsValidator : TrainingOptionsValidator<VaeTrainingOptions>
{
    public static VaeTrainingOptionsValidator Instance { get; } = new();

    protected override void ValidateMore(VaeTrainingOptions options, List<string> failures)
    {
        Require(failures, options.LatentSize is >= 1 and <= 1024, "LatentSize must be in [1, 1024].");
        Require(failures, options.KlWeight is >= 0 and <= 100, "KlWeight must be in [0, 100].");
    }
}
