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
    public void Each_problem_is_reported_with_the_setting_it_concerns_in_the_section_it_was_bound_from()
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

        var result = new EmbeddedKafkaBrokerOptionsValidator("Kafka:Embedded").Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Kafka:Embedded:BrokerCount must be at least 1 (was 0).",
                "Kafka:Embedded:DefaultPartitions must be between 1 and 10000 (was 0).",
                "Kafka:Embedded:Topics:0:Partitions must be between 1 and 10000 (was 20000).",
                "Kafka:Embedded:Topics:1:Name 'bad name' may contain only ASCII letters, digits, '.', '_' and '-'.",
                "Kafka:Embedded:Topics:2:Name '' must not be empty.",
                "Kafka:Embedded:Topics:3:Name 'ok' is listed more than once.",
                $"Kafka:Embedded:Topics:4:Name '{new string('t', 250)}' is 250 characters long; Kafka allows at most 249.",
            ],
            result.Failures);
    }

    [Fact]
    public void Without_a_section_each_problem_names_the_option_of_the_embedded_broker()
    {
        var options = new EmbeddedKafkaBrokerOptions { DefaultPartitions = 0, Topics = { new EmbeddedKafkaTopicOptions { Name = "a", Partitions = 0 } } };

        Assert.Equal(
            [
                "Embedded Kafka broker: DefaultPartitions must be between 1 and 10000 (was 0).",
                "Embedded Kafka broker: Topics:0:Partitions must be between 1 and 10000 (was 0).",
            ],
            _validator.Validate(null, options).Failures);
    }

    [Fact]
    public void A_topic_without_its_own_count_takes_the_default()
    {
        var options = new EmbeddedKafkaBrokerOptions { DefaultPartitions = 8, Topics = { new EmbeddedKafkaTopicOptions { Name = "a" } } };

        Assert.Equal(8, options.PartitionsOf(options.Topics[0]));
    }
}
