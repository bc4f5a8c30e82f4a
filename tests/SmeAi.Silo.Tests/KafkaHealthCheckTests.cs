using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmeAi.Abstractions;
using SmeAi.Silo.Health;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Silo.Tests;

/// <summary>The readiness check's Kafka part against a real (embedded) broker: which topics it finds, and a cluster that is gone.</summary>
public sealed class KafkaHealthCheckTests
{
    [Fact]
    public async Task A_cluster_with_every_platform_topic_is_healthy()
    {
        using var broker = Broker([.. TopicNames.Inputs, .. TopicNames.Outputs]);
        using var check = CheckOf(broker.BootstrapServers);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task A_cluster_without_some_platform_topics_is_degraded_and_names_them()
    {
        using var broker = Broker([TopicNames.MachineTelemetry, TopicNames.Scores]);
        using var check = CheckOf(broker.BootstrapServers);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains(TopicNames.CustomerEvents, result.Description, StringComparison.Ordinal);
        Assert.Contains(TopicNames.DeadLetter, result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(TopicNames.MachineTelemetry + ",", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_is_gone_is_unhealthy()
    {
        var broker = Broker([.. TopicNames.Inputs, .. TopicNames.Outputs]);
        using var check = CheckOf(broker.BootstrapServers);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        broker.Dispose();
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("did not answer", result.Description, StringComparison.Ordinal);
    }

    private static EmbeddedKafkaBroker Broker(IEnumerable<string> topics)
    {
        var options = new EmbeddedKafkaBrokerOptions { DefaultPartitions = 1 };
        foreach (var topic in topics)
        {
            options.Topics.Add(new EmbeddedKafkaTopicOptions { Name = topic });
        }

        return new EmbeddedKafkaBroker(options);
    }

    private static KafkaHealthCheck CheckOf(string bootstrapServers) =>
        new(new FixedOptionsMonitor<SmeAi.Streaming.Kafka.Configuration.KafkaStreamOptions>(
            SiloKafkaOptions.Resolve(new() { ["Kafka:BootstrapServers"] = bootstrapServers })));
}
