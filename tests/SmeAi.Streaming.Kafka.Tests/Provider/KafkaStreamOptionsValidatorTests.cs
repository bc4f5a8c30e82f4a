using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmeAi.Streaming.Kafka.Configuration;
using SmeAi.Streaming.Kafka.Hosting;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

public sealed class KafkaStreamOptionsValidatorTests
{
    [Fact]
    public void Valid_options_pass()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "localhost:9092" }.AddTopic<TestEvent>("machine-telemetry");
        Assert.True(new KafkaStreamOptionsValidator().Validate("Kafka", options).Succeeded);
    }

    [Fact]
    public void Each_problem_is_named_with_the_provider()
    {
        var options = new KafkaStreamOptions { GroupId = " ", MaxCachedMessagesPerQueue = 10, MaxBatchSize = 20, FetchWaitMaxMs = 0, ConsumersPerSilo = 0 };
        options.Topics["a"] = new KafkaTopicOptions { StreamNamespace = "same" };
        options.Topics["b"] = new KafkaTopicOptions { StreamNamespace = "same", EventType = typeof(TestEvent) };
        options.Topics[KafkaStreamOptions.DefaultDeadLetterTopic] = new KafkaTopicOptions { EventType = typeof(TestEvent) };

        var failures = new KafkaStreamOptionsValidator().Validate("Kafka", options).Failures!.ToList();

        Assert.All(failures, f => Assert.StartsWith("Kafka stream provider 'Kafka': ", f, StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BootstrapServers is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("GroupId is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("topics 'a' and 'b' map to the same stream namespace 'same'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("topic 'a' has no EventType", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("is also the dead-letter topic", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("FetchWaitMaxMs must be positive (was 0)", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ConsumersPerSilo must be positive (was 0)", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MaxBatchSize (20) must not exceed MaxCachedMessagesPerQueue (10)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(49.9)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void A_memory_pause_share_outside_50_to_100_is_an_error(double percent)
    {
        var options = new KafkaStreamOptions { BootstrapServers = "k:9092", PauseReadingAtMemoryPercent = percent }.AddTopic<TestEvent>("t");

        var failures = new KafkaStreamOptionsValidator().Validate("Kafka", options).Failures;

        Assert.Contains(failures!, f => f.Contains("PauseReadingAtMemoryPercent must be between 50 and 100", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(30 * 86_400)]
    public void A_produce_timeout_librdkafka_cannot_take_is_an_error(double seconds)
    {
        var options = new KafkaStreamOptions { BootstrapServers = "k:9092", ProduceTimeout = TimeSpan.FromSeconds(seconds) }.AddTopic<TestEvent>("t");

        var failures = new KafkaStreamOptionsValidator().Validate("Kafka", options).Failures;

        Assert.Contains(failures!, f => f.Contains("ProduceTimeout must be between 1 second and 24 days", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(KafkaStreamOptions.MaxBatchSize), "Kafka stream provider 'Kafka': MaxBatchSize must be at most 10,000,000, librdkafka's limit of queued.min.messages (was 10,000,001).")]
    [InlineData(nameof(KafkaStreamOptions.FetchWaitMaxMs), "Kafka stream provider 'Kafka': FetchWaitMaxMs must be at most 300,000, librdkafka's limit of fetch.wait.max.ms (was 300,001).")]
    [InlineData(nameof(KafkaStreamOptions.CommitIntervalMs), "Kafka stream provider 'Kafka': CommitIntervalMs must be at most 86,400,000, librdkafka's limit of auto.commit.interval.ms (was 86,400,001).")]
    [InlineData(nameof(KafkaStreamOptions.PollPeriod), "Kafka stream provider 'Kafka': PollPeriod must be at most 5 minutes, librdkafka's limit of fetch.queue.backoff.ms, which it sets too (was 00:05:00.0010000).")]
    public void A_setting_beyond_what_librdkafka_takes_is_an_error_and_its_limit_is_not(string setting, string failure)
    {
        var atLimit = new KafkaStreamOptions { BootstrapServers = "k:9092" }.AddTopic<TestEvent>("t");
        var beyond = new KafkaStreamOptions { BootstrapServers = "k:9092" }.AddTopic<TestEvent>("t");
        switch (setting)
        {
            case nameof(KafkaStreamOptions.MaxBatchSize):
                atLimit.MaxBatchSize = atLimit.MaxCachedMessagesPerQueue = 10_000_000;
                beyond.MaxBatchSize = beyond.MaxCachedMessagesPerQueue = 10_000_001;
                break;
            case nameof(KafkaStreamOptions.FetchWaitMaxMs):
                atLimit.FetchWaitMaxMs = 300_000;
                beyond.FetchWaitMaxMs = 300_001;
                break;
            case nameof(KafkaStreamOptions.CommitIntervalMs):
                atLimit.CommitIntervalMs = 86_400_000;
                beyond.CommitIntervalMs = 86_400_001;
                break;
            case nameof(KafkaStreamOptions.PollPeriod):
                atLimit.PollPeriod = TimeSpan.FromMinutes(5);
                beyond.PollPeriod = TimeSpan.FromMilliseconds(300_001);
                break;
        }

        var validator = new KafkaStreamOptionsValidator();

        Assert.True(validator.Validate("Kafka", atLimit).Succeeded);
        new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(atLimit, "at-limit")).SetLogHandler((_, _) => { }).Build().Dispose();
        Assert.Equal(failure, Assert.Single(validator.Validate("Kafka", beyond).Failures!));
    }

    [Theory]
    [InlineData("acks", "1", "librdkafka refuses the producer configuration: `acks` must be set to `all` when `enable.idempotence` is true")]
    [InlineData("no.such.setting", "1", "librdkafka refuses the consumer configuration: No such configuration property: \"no.such.setting\"")]
    [InlineData("socket.timeout.ms", "soon", "librdkafka refuses the consumer configuration: Invalid value for configuration property \"socket.timeout.ms\"")]
    public void A_client_setting_librdkafka_refuses_is_an_error_naming_the_client(string key, string value, string refusal)
    {
        var options = new KafkaStreamOptions { BootstrapServers = "127.0.0.1:9" }.AddTopic<TestEvent>("t");
        options.ClientSettings[key] = value;

        var failures = new KafkaStreamOptionsValidator(configurationSection: "Kafka").Validate("Kafka", options).Failures;

        Assert.Equal($"{refusal} (Kafka:ClientSettings apply to every client of the provider).", Assert.Single(failures!));
    }

    [Fact]
    public void Client_settings_librdkafka_takes_pass()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "127.0.0.1:9", ConsumerPrefetchKiB = int.MaxValue, MaxCachedBytesPerQueue = long.MaxValue }.AddTopic<TestEvent>("t");
        options.ClientSettings["client.rack"] = "rack-1";
        options.ClientSettings["linger.ms"] = "5";
        options.ClientSettings["ssl.ca.location"] = "/not/on/this/machine/ca.pem";

        Assert.True(new KafkaStreamOptionsValidator().Validate("Kafka", options).Succeeded);
    }

    [Fact]
    public void No_topics_is_an_error_and_event_types_are_optional_for_a_custom_adapter()
    {
        var empty = new KafkaStreamOptionsValidator().Validate(null, new KafkaStreamOptions { BootstrapServers = "k:9092" });
        Assert.Contains(empty.Failures!, f => f == "Kafka stream provider: Topics must list at least one topic.");

        var untyped = new KafkaStreamOptions { BootstrapServers = "k:9092" };
        untyped.Topics["raw"] = new KafkaTopicOptions();
        Assert.True(new KafkaStreamOptionsValidator(requireEventTypes: false).Validate("Kafka", untyped).Succeeded);
    }

    [Fact]
    public void With_the_configuration_section_each_problem_names_the_key_a_user_sets()
    {
        var options = new KafkaStreamOptions { BootstrapServers = "k:9092", GroupId = "", MaxCachedMessagesPerQueue = 10, MaxBatchSize = 20 }.AddTopic<TestEvent>("t");

        var failures = new KafkaStreamOptionsValidator(configurationSection: "Streams:Kafka").Validate("Kafka", options).Failures;

        Assert.Equal(
            [
                "Streams:Kafka:GroupId is required; offsets are committed under it.",
                "Streams:Kafka:MaxBatchSize (20) must not exceed Streams:Kafka:MaxCachedMessagesPerQueue (10).",
            ],
            failures);
    }

    [Fact]
    public void A_provider_bound_through_its_configurator_is_validated_under_that_section()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Streams:Kafka:MaxBatchSize", "0")])
            .Build());
        var configurator = new SiloKafkaStreamConfigurator("events", configure => configure(services));
        configurator.ConfigureKafka(ob => ob.Configure(o => o.BootstrapServers = "k:9092"));
        configurator.BindConfiguration("Streams:Kafka");
        configurator.ConfigureKafka(ob => ob.Configure(o => o.AddTopic<TestEvent>("t")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get("events"));

        Assert.Equal("Streams:Kafka:MaxBatchSize must be positive (was 0).", Assert.Single(error.Failures));
    }
}
