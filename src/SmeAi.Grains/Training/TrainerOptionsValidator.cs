using Microsoft.Extensions.Options;
using SmeAi.ML.Training;

namespace SmeAi.Grains.Training;

public sealed class TrainerOptionsValidator : IValidateOptions<TrainerOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        // A training learns only from the samples outside the gate slice, and the trainers refuse fewer rows than their
        // minimum: smaller settings validated and then never trained. An invalid gate fraction is reported below.
        var gate = options.GateFraction is > 0 and < 0.5 ? options.GateFraction : 0;
        var trainingRows = options.ClassifierSettingPrefixes.Concat(options.ClassifierPrefixes)
            .Select(prefix => options.ClassifierFor(prefix).MinimumRows)
            .Append(ChallengerTraining.VaeOptions(options).MinimumRows)
            .Max();
        var leastSamples = SamplesToTrainOn(trainingRows, gate);
        if (options.ReservoirCapacity < leastSamples)
        {
            failures.Add(FormattableString.Invariant(
                $"Training:ReservoirCapacity must be at least {leastSamples} with Training:GateFraction {gate}: a training learns only from the samples outside the gate slice, and the trainers refuse fewer than {trainingRows}."));
        }

        if (options.MinimumSamples < leastSamples || options.MinimumSamples > options.ReservoirCapacity)
        {
            failures.Add(FormattableString.Invariant(
                $"Training:MinimumSamples must be between {leastSamples} and Training:ReservoirCapacity with Training:GateFraction {gate}: a training learns only from the samples outside the gate slice, and the trainers refuse fewer than {trainingRows}."));
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

            // A prefix without a capacity of its own has Training:ReservoirCapacity, judged above.
            var capacity = options.ReservoirCapacityFor(prefix);
            var leastClassifierCapacity = SamplesToTrainOn(options.ClassifierFor(prefix).MinimumRows, gate);
            if (capacity != options.ReservoirCapacity && capacity < Math.Max(leastClassifierCapacity, options.MinimumSamples))
            {
                failures.Add(FormattableString.Invariant(
                    $"Training:Classifiers:{prefix}:ReservoirCapacity must be at least Training:MinimumSamples and {leastClassifierCapacity} with Training:GateFraction {gate}."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The fewest samples whose share outside the gate slice reaches <paramref name="trainingRows"/> and a tenth more: the
    /// slice is chosen by a hash of each row, so the rows outside it vary around their share (200 samples with a fifth
    /// held back left 152, not 160).
    /// </summary>
    private static int SamplesToTrainOn(int trainingRows, double gateFraction) =>
        (int)Math.Ceiling((trainingRows + (trainingRows + 9) / 10) / (1 - gateFraction) - 1e-9);
}
