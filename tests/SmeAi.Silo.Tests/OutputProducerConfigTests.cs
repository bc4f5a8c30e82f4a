using Confluent.Kafka;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Tests;

/// <summary>The output producer talks to the same cluster as the input, so it carries the same connection settings.</summary>
public sealed class OutputProducerConfigTests
{
    [Fact]
    public void The_configured_security_settings_reach_the_output_producer()
    {
        var kafka = SiloKafkaOptions.Resolve(new()
        {
            ["Kafka:BootstrapServers"] = "kafka-1:9093",
            ["Kafka:SecurityProtocol"] = "SaslSsl",
            ["Kafka:SaslMechanism"] = "ScramSha512",
            ["Kafka:SaslUsername"] = "smeai",
            ["Kafka:SaslPassword"] = "secret-password",
            ["Kafka:SslCaLocation"] = "/etc/kafka/ca.pem",
            ["Kafka:ClientSettings:client.rack"] = "rack-2",
        });

        var config = OutputProducerConfig.Create(kafka, new OutputOptions { ProducerLingerMs = 20 });

        Assert.Equal("kafka-1:9093", config.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
        Assert.Equal("smeai", config.SaslUsername);
        Assert.Equal("secret-password", config.SaslPassword);
        Assert.Equal("/etc/kafka/ca.pem", config.SslCaLocation);
        Assert.Equal("rack-2", config.Get("client.rack"));
        Assert.Equal(20, config.LingerMs);
    }

    [Fact]
    public void Records_wait_for_the_cluster_as_long_as_it_is_away_instead_of_failing_after_librdkafkas_five_minutes()
    {
        var kafka = SiloKafkaOptions.Resolve(new() { ["Kafka:BootstrapServers"] = "kafka-1:9092" });

        var config = OutputProducerConfig.Create(kafka, new OutputOptions());

        // 0 is librdkafka's "no timeout": only a record the cluster refuses for good fails.
        Assert.Equal(0, config.MessageTimeoutMs);
        Assert.True(config.EnableIdempotence);
    }
}
