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

    [Fact]
    public void A_limit_moved_alone_takes_the_target_below_it()
    {
        var options = GrainCollection(new() { ["Orleans:GrainCollection:MemoryUsageLimitPercentage"] = "80" });

        Assert.Equal(80, options.MemoryUsageLimitPercentage);
        Assert.Equal(75, options.MemoryUsageTargetPercentage);
    }

    [Fact]
    public void A_target_the_operator_set_is_left_as_set()
    {
        var options = GrainCollection(new()
        {
            ["Orleans:GrainCollection:MemoryUsageLimitPercentage"] = "80",
            ["Orleans:GrainCollection:MemoryUsageTargetPercentage"] = "60",
        });

        Assert.Equal(60, options.MemoryUsageTargetPercentage);
    }

    private static GrainCollectionOptions GrainCollection(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        OrleansSiloSetup.ConfigureGrainCollection(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
    }
}
