using SmeAi.Silo.Simulation;

namespace SmeAi.Silo.Tests;

public sealed class EmbeddedSimulatorOptionsValidatorTests
{
    private readonly EmbeddedSimulatorOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid_and_include_a_customer_history()
    {
        var defaults = new EmbeddedSimulatorOptions();

        Assert.True(_validator.Validate(null, defaults).Succeeded);
        Assert.True(defaults.CustomerHistory > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(-1, 28, 0.4, "EventsPerSecond")]
    [InlineData(200, -1, 0.4, "CustomerHistory")]
    [InlineData(200, 400, 0.4, "CustomerHistory")]
    [InlineData(200, 28, 1.2, "CustomersDecliningAtStart")]
    [InlineData(200, 28, double.NaN, "CustomersDecliningAtStart")]
    public void Bad_settings_name_the_setting(double eventsPerSecond, double historyDays, double declining, string setting)
    {
        var options = new EmbeddedSimulatorOptions
        {
            EventsPerSecond = eventsPerSecond,
            CustomerHistory = TimeSpan.FromDays(historyDays),
            CustomersDecliningAtStart = declining,
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith($"Simulator:Embedded:{setting}", StringComparison.Ordinal));
    }
}
