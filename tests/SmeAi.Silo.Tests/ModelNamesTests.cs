using SmeAi.Silo.Apis;

namespace SmeAi.Silo.Tests;

/// <summary>Model names in API routes: what the trainers produce, nothing more.</summary>
public sealed class ModelNamesTests
{
    [Theory]
    [InlineData("churn")]
    [InlineData("equipment-anomaly-73e8bf84")]
    [InlineData("security_anomaly.v2")]
    public void Names_the_trainers_produce_are_accepted(string name) => Assert.True(ModelNames.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData("churn\n")]
    [InlineData("churn\r\n")]
    [InlineData("\nchurn")]
    [InlineData("churn/v2")]
    [InlineData("churn model")]
    public void Names_with_other_characters_are_refused(string name) => Assert.False(ModelNames.IsValid(name));

    [Fact]
    public void A_name_longer_than_128_characters_is_refused() => Assert.False(ModelNames.IsValid(new string('m', 129)));
}
