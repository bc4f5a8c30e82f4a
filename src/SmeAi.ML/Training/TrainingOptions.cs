using Microsoft.Extensions.Options;

namespace SmeAi.ML.Training;

/// <summary>Settings every trainer shares. Defaults suit a few thousand rows on a 2-core machine.</summary>
public abstract class TrainingOptions
{
    /// <summary>Passes over the training rows (for the GAN: generator steps are counted instead).</summary>
    public int Epochs { get; set; } = 30;

    public double LearningRate { get; set; } = 1e-3;

    public int BatchSize { get; set; } = 64;

    /// <summary>Seeds TorchSharp and every shuffle: the same seed and data give the same weights.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>TorchSharp intra-op threads while this training runs (process-wide; restored afterwards).</summary>
    public int MaxThreads { get; set; } = 1;

    /// <summary>Below this many training rows the trainer refuses with <see cref="RefusalReason.TooLittleData"/>.</summary>
    public int MinimumRows { get; set; } = 200;

    /// <summary>Share of the rows kept out of training for calibration and the held-out metrics.</summary>
    public double HeldOutFraction { get; set; } = 0.2;

    /// <summary>Held-out raw scores with a standard deviation at or below this are refused as degenerate.</summary>
    public double MinimumScoreStd { get; set; } = 1e-6;

    /// <summary>Largest tolerated difference between the managed forward pass and TorchSharp's.</summary>
    public double ExportTolerance { get; set; } = 1e-4;

    public IReadOnlyList<int> HiddenSizes { get; set; } = [32, 16];
}

/// <summary>Validation shared by the trainers' option validators.</summary>
public abstract class TrainingOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : TrainingOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Require(failures, options.Epochs >= 1, "Epochs must be at least 1.");
        Require(failures, options.LearningRate > 0 && options.LearningRate < 1, "LearningRate must be in (0, 1).");
        Require(failures, options.BatchSize is >= 1 and <= 65536, "BatchSize must be in [1, 65536].");
        Require(failures, options.MaxThreads >= 1 && options.MaxThreads <= Environment.ProcessorCount, $"MaxThreads must be in [1, {Environment.ProcessorCount}] (the processor count).");
        Require(failures, options.MinimumRows >= 1, "MinimumRows must be at least 1.");
        Require(failures, options.HeldOutFraction is > 0 and < 0.9, "HeldOutFraction must be in (0, 0.9).");
        Require(failures, options.MinimumScoreStd >= 0, "MinimumScoreStd must not be negative.");
        Require(failures, options.ExportTolerance > 0, "ExportTolerance must be positive.");
        Require(failures, options.HiddenSizes is { Count: >= 1 and <= 8 } && options.HiddenSizes.All(h => h is >= 1 and <= 4096), "HiddenSizes needs 1 to 8 layers of 1 to 4096 units.");
        ValidateMore(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every failure.</summary>
    public void ThrowIfInvalid(TOptions options)
    {
        var result = Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(typeof(TOptions).Name, typeof(TOptions), result.Failures);
        }
    }

    protected virtual void ValidateMore(TOptions options, List<string> failures)
    {
    }

    protected static void Require(List<string> failures, bool condition, string message)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
