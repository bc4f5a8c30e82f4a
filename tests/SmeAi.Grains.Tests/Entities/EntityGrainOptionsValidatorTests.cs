using SmeAi.Grains.Entities;

namespace SmeAi.Grains.Tests.Entities;

public sealed class EntityGrainOptionsValidatorTests
{
    private readonly EntityGrainOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new EntityGrainOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 5, "Entities:FlushEveryEvents")]
    [InlineData(-1, 5, "Entities:FlushEveryEvents")]
    [InlineData(200, 0, "Entities:FlushInterval")]
    [InlineData(200, -5, "Entities:FlushInterval")]
    [InlineData(200, 3601, "Entities:FlushInterval")]
    public void Bad_settings_name_the_setting(int flushEveryEvents, int flushIntervalSeconds, string setting)
    {
        var options = new EntityGrainOptions { FlushEveryEvents = flushEveryEvents, FlushInterval = TimeSpan.FromSeconds(flushIntervalSeconds) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith(setting, StringComparison.Ordinal));
    }
}
