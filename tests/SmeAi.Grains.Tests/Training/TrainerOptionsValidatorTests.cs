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
