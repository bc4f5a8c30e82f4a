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
}
