using System.Globalization;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Tests;

public sealed class OutputOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new OutputOptionsValidator().Validate(null, new OutputOptions()).Succeeded);
    }

    [Theory]
    [InlineData("QueueCapacity", "10")]
    [InlineData("ProducerLingerMs", "-1")]
    [InlineData("AlertRetention", "00:05:00")]
    [InlineData("AlertRetention", "36501.00:00:00")]
    [InlineData("RetentionSweepInterval", "00:00:00.5")]
    [InlineData("RetentionSweepInterval", "60.00:00:00")]
    [InlineData("MemoryStoreCapacity", "0")]
    [InlineData("AlertStoreQueueCapacity", "99")]
    [InlineData("AlertStoreQueueCapacity", "1000001")]
    public void Each_out_of_range_setting_is_named(string setting, string value)
    {
        var options = setting switch
        {
            "QueueCapacity" => new OutputOptions { QueueCapacity = int.Parse(value, CultureInfo.InvariantCulture) },
            "ProducerLingerMs" => new OutputOptions { ProducerLingerMs = int.Parse(value, CultureInfo.InvariantCulture) },
            "AlertRetention" => new OutputOptions { AlertRetention = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
            "RetentionSweepInterval" => new OutputOptions { RetentionSweepInterval = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
            "AlertStoreQueueCapacity" => new OutputOptions { AlertStoreQueueCapacity = int.Parse(value, CultureInfo.InvariantCulture) },
            _ => new OutputOptions { MemoryStoreCapacity = int.Parse(value, CultureInfo.InvariantCulture) },
        };

        var result = new OutputOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Outputs:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_sweep_interval_accepted_is_one_the_sweep_timer_takes()
    {
        var options = new OutputOptions { RetentionSweepInterval = TimeSpan.FromDays(49) };

        Assert.True(new OutputOptionsValidator().Validate(null, options).Succeeded);
        using var timer = new PeriodicTimer(options.RetentionSweepInterval);
        // What the upper bound keeps from the silo's start: a timer that refuses its period.
        Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicTimer(TimeSpan.FromDays(50)));
    }
}
