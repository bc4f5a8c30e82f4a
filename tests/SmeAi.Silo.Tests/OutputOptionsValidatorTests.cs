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
    [InlineData("QueueCapacity")]
    [InlineData("ProducerLingerMs")]
    [InlineData("AlertRetention")]
    [InlineData("MemoryStoreCapacity")]
    public void Each_out_of_range_setting_is_named(string setting)
    {
        var options = setting switch
        {
            "QueueCapacity" => new OutputOptions { QueueCapacity = 10 },
            "ProducerLingerMs" => new OutputOptions { ProducerLingerMs = -1 },
            "AlertRetention" => new OutputOptions { AlertRetention = TimeSpan.FromMinutes(5) },
            _ => new OutputOptions { MemoryStoreCapacity = 0 },
        };

        var result = new OutputOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Outputs:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }
}
