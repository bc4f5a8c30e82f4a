using SmeAi.Grains.Training;

namespace SmeAi.Grains.Tests.Training;

public sealed class TrainerOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void A_label_horizon_that_is_not_positive_names_the_setting(int seconds)
    {
        var result = new TrainerOptionsValidator().Validate(null, new TrainerOptions { LabelHorizon = TimeSpan.FromSeconds(seconds) });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith("Training:LabelHorizon", StringComparison.Ordinal));
    }

    /// <summary>Settings the review found validated and then refused at every training ("152 normal rows", "172 normal rows").</summary>
    [Theory]
    [InlineData(200, 150, 0.2, new[] { "Training:ReservoirCapacity", "Training:MinimumSamples" })]
    [InlineData(4_000, 300, 0.4, new[] { "Training:MinimumSamples" })]
    public void Samples_too_few_to_train_on_outside_the_gate_slice_name_the_settings(int capacity, int minimum, double gate, string[] named)
    {
        var result = new TrainerOptionsValidator().Validate(null, new TrainerOptions { ReservoirCapacity = capacity, MinimumSamples = minimum, GateFraction = gate });

        Assert.True(result.Failed);
        Assert.Equal(named, result.Failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]));
        Assert.All(result.Failures, f => Assert.Contains("Training:GateFraction", f, StringComparison.Ordinal));
    }

    /// <summary>The validator's bound and the trainers' agree: the fewest samples it accepts train a first version.</summary>
    [Theory]
    [InlineData(0.2)]
    [InlineData(0.4)]
    public void The_fewest_samples_the_validator_accepts_are_enough_to_train(double gate)
    {
        var validator = new TrainerOptionsValidator();
        var fewest = Enumerable.Range(1, 1_000).First(n => validator.Validate(null, Settings(n)).Succeeded);

        var result = ChallengerTraining.Train("anomaly-fewest", TrainingKind.Anomaly, SyntheticRows.FeatureNames, SyntheticRows.NormalRows(fewest, 8), null, Settings(fewest), default);

        Assert.True(result.Artifact is not null, result.Refusal);

        TrainerOptions Settings(int samples) => new() { ReservoirCapacity = samples, MinimumSamples = samples, GateFraction = gate, Epochs = 10 };
    }

    [Fact]
    public void A_retraining_mode_that_does_not_exist_names_the_setting_and_both_modes_pass()
    {
        var validator = new TrainerOptionsValidator();

        var result = validator.Validate(null, new TrainerOptions { Retraining = (RetrainingMode)7 });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith("Training:Retraining", StringComparison.Ordinal));
        Assert.True(validator.Validate(null, new TrainerOptions { Retraining = RetrainingMode.OnDemand }).Succeeded);
        Assert.True(validator.Validate(null, new TrainerOptions()).Succeeded);
    }
}
