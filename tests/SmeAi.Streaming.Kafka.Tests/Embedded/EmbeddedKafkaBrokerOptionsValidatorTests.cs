using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Streaming.Kafka.Tests.Embedded;

public sealed class EmbeddedKafkaBrokerOptionsValidatorTests
{
    private readonly EmbeddedKafkaBrokerOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_one_broker_and_sixteen_partitions_and_valid()
    {
        var options = new EmbeddedKafkaBrokerOptions();

        Assert.Equal(1, options.BrokerCount);
        Assert.Equal(16, options.DefaultPartitions);
        Assert.Empty(options.Topics);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Each_problem_is_reported_with_the_setting_it_concerns()
    {
        var options = new EmbeddedKafkaBrokerOptions
        {
            BrokerCount = 0,
            DefaultPartitions = 0,
            Topics =
            {
                new EmbeddedKafkaTopicOptions { Name = "ok", Partitions = 20_000 },
                new EmbeddedKafkaTopicOptions { Name = "bad name" },
                new EmbeddedKafkaTopicOptions { Name = "" },
                new EmbeddedKafkaTopicOptions { Name = "ok" },
                new EmbeddedKafkaTopicOptions { Name = new string('t', 250) },
            },
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "EmbeddedKafka:BrokerCount must be at least 1 (was 0).",
                "EmbeddedKafka:DefaultPartitions must be between 1 and 10000 (was 0).",
                "EmbeddedKafka:Topics:0:Partitions must be between 1 and 10000 (was 20000).",
                "EmbeddedKafka:Topics:1:Name 'bad name' may contain only ASCII letters, digits, '.', '_' and '-'.",
                "EmbeddedKafka:Topics:2:Name '' must not be empty.",
                "EmbeddedKafka:Topics:3:Name 'ok' is listed more than once.",
                $"EmbeddedKafka:Topics:4:Name '{new string('t', 250)}' is 250 characters long; Kafka allows at most 249.",
            ],
            result.Failures);
    }

    [Fact]
    public void A_topic_without_its_own_count_takes_the_default()
    {
        var options = new EmbeddedKafkaBrokerOptions { DefaultPartitions = 8, Topics = { new EmbeddedKafkaTopicOptions { Name = "a" } } };

        Assert.Equal(8, options.PartitionsOf(options.Topics[0]));
    }
}
