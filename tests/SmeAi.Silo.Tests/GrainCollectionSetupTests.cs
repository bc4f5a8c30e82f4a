using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Tests;

/// <summary>The silo sheds idle grains near its memory limit unless the operator says otherwise.</summary>
public sealed class GrainCollectionSetupTests
{
    [Fact]
    public void Shedding_is_on_by_default_below_the_Kafka_reading_pause()
    {
        var options = GrainCollection(new());

        Assert.True(options.EnableActivationSheddingOnMemoryPressure);
        Assert.Equal(OrleansSiloSetup.SheddingLimitPercent, options.MemoryUsageLimitPercentage);
        Assert.Equal(OrleansSiloSetup.SheddingTargetPercent, options.MemoryUsageTargetPercentage);
        Assert.True(options.MemoryUsageLimitPercentage < new Streaming.Kafka.Configuration.KafkaStreamOptions().PauseReadingAtMemoryPercent);
    }

    [Fact]
    public void The_operators_settings_win()
    {
        var options = GrainCollection(new()
        {
            ["Orleans:GrainCollection:EnableActivationSheddingOnMemoryPressure"] = "false",
            ["Orleans:GrainCollection:MemoryUsageLimitPercentage"] = "70",
            ["Orleans:GrainCollection:CollectionAge"] = "00:05:00",
        });

        Assert.False(options.EnableActivationSheddingOnMemoryPressure);
        Assert.Equal(70, options.MemoryUsageLimitPercentage);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CollectionAge);
    }

    private static GrainCollectionOptions GrainCollection(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        OrleansSiloSetup.ConfigureGrainCollection(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
    }
}
