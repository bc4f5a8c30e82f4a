using SmeAi.Silo.Apis;

namespace SmeAi.IntegrationTests;

/// <summary>The API's limits are checked at start, with the setting, the allowed range and the value given.</summary>
public sealed class ApiOptionsValidatorTests
{
    [Theory]
    [InlineData("00:00:00", true)]
    [InlineData("00:00:20", true)]
    [InlineData("00:00:25", true)]
    [InlineData("00:00:26", false)]
    [InlineData("-00:00:01", false)]
    public void Retrain_wait_must_stay_below_the_call_timeouts(string wait, bool valid)
    {
        var result = new ApiOptionsValidator().Validate(null, new ApiOptions { RetrainWait = TimeSpan.Parse(wait, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains($"Api:RetrainWait must be between 00:00:00 and 00:00:25 (was {wait})", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(32, true)]
    [InlineData(10_000, true)]
    [InlineData(0, false)]
    [InlineData(10_001, false)]
    public void Max_alert_streams_is_at_least_one_and_bounded(int streams, bool valid)
    {
        var result = new ApiOptionsValidator().Validate(null, new ApiOptions { MaxAlertStreams = streams });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains($"Api:MaxAlertStreams must be between 1 and 10000 (was {streams})", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_defaults_are_valid_and_documented()
    {
        var defaults = new ApiOptions();

        Assert.True(new ApiOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.Equal((TimeSpan.FromSeconds(20), 32), (defaults.RetrainWait, defaults.MaxAlertStreams));
    }
}
