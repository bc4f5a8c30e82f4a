using Microsoft.Extensions.Options;
using SmeAi.ML.Training;

namespace SmeAi.Grains.Training;

public sealed class TrainerOptionsValidator : IValidateOptions<TrainerOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ReservoirCapacity < 100)
        {
            failures.Add("Training:ReservoirCapacity must be at least 100.");
        }

        if (options.MinimumSamples < 50 || options.MinimumSamples > options.ReservoirCapacity)
        {
            failures.Add("Training:MinimumSamples must be between 50 and Training:ReservoirCapacity.");
        }

        if (!Enum.IsDefined(options.Retraining))
        {
            failures.Add("Training:Retraining must be Automatic or OnDemand.");
        }

        if (options.RetrainEvery <= TimeSpan.Zero)
        {
            failures.Add("Training:RetrainEvery must be positive.");
        }

        if (options.LabelHorizon <= TimeSpan.Zero)
        {
            failures.Add("Training:LabelHorizon must be positive.");
        }

        if (options.DriftCooldown < TimeSpan.Zero)
        {
            failures.Add("Training:DriftCooldown must not be negative.");
        }

        if (options.DriftThreshold <= 0)
        {
            failures.Add("Training:DriftThreshold must be positive.");
        }

        if (options.GateFraction is <= 0 or >= 0.5)
        {
            failures.Add("Training:GateFraction must be between 0 and 0.5.");
        }

        if (options.Epochs < 1 || options.MaxConcurrentTrainings < 1 || options.MinimumLiveScores < 1)
        {
            failures.Add("Training:Epochs, Training:MaxConcurrentTrainings and Training:MinimumLiveScores must be at least 1.");
        }

        foreach (var prefix in options.ClassifierSettingPrefixes)
        {
            var classifier = ClassifierTrainingOptionsValidator.Instance.Validate(null, options.ClassifierFor(prefix));
            if (classifier.Failed)
            {
                failures.AddRange(classifier.Failures.Select(f => $"Training:Classifiers:{prefix}: {f}"));
            }

            if (options.ReservoirCapacityFor(prefix) < Math.Max(100, options.MinimumSamples))
            {
                failures.Add($"Training:Classifiers:{prefix}:ReservoirCapacity must be at least 100 and Training:MinimumSamples.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
