using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Cli.Tests;

public sealed class SimulateCommandTests
{
    private const int Partitions = 2;

    [Fact]
    public async Task Simulate_produces_the_requested_number_of_valid_events_to_the_input_topics()
    {
        using var broker = Broker(TopicNames.Inputs);

        var run = await CliRun.RunAsync("simulate", "--bootstrap", broker.BootstrapServers, "--rate", "0", "--max-events", "90", "--seed", "4");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("produced 90 events (90 delivered, 0 failed)", run.Output, StringComparison.Ordinal);
        var consumed = TopicNames.Inputs.SelectMany(topic => TopicReader.ReadAll(broker.BootstrapServers, topic, Partitions)).ToList();
        Assert.Equal(90, consumed.Count);
        Assert.All(consumed, r =>
        {
            Assert.True(EventJson.TryDeserialize(r.Topic, r.Message.Value, out var value, out var reason), reason);
            Assert.Equal(r.Message.Key, value.EntityId);
        });
    }

    [Fact]
    public async Task Simulate_interrupted_by_ctrl_c_flushes_what_it_produced_and_exits_130_while_its_duration_ending_it_is_success()
    {
        using var broker = Broker(TopicNames.Inputs);
        using var interrupt = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var interrupted = await CliRun.RunAsync(interrupt.Token, "simulate", "--bootstrap", broker.BootstrapServers, "--rate", "50");
        var timed = await CliRun.RunAsync("simulate", "--bootstrap", broker.BootstrapServers, "--rate", "50", "--duration", "2s");

        Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
        Assert.StartsWith("stopped: produced ", interrupted.Output, StringComparison.Ordinal);
        Assert.True(timed.ExitCode == 0, timed.ToString());
    }

    [Fact]
    public async Task Simulate_names_the_missing_topic_instead_of_timing_out()
    {
        using var broker = Broker([TopicNames.MachineTelemetry]);

        var run = await CliRun.RunAsync("simulate", "--bootstrap", broker.BootstrapServers, "--domains", "factory", "customers", "--max-events", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: topic {TopicNames.CustomerEvents} not found on Kafka at {broker.BootstrapServers}", run.ErrorLines[^1], StringComparison.Ordinal);
    }

    private static EmbeddedKafkaBroker Broker(IEnumerable<string> topics)
    {
        var options = new EmbeddedKafkaBrokerOptions { DefaultPartitions = Partitions };
        foreach (var topic in topics)
        {
            options.Topics.Add(new EmbeddedKafkaTopicOptions { Name = topic });
        }

        return new EmbeddedKafkaBroker(options);
    }
}
