using System.Globalization;
using System.Text.RegularExpressions;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Streaming.Kafka.Embedded;

namespace SmeAi.Cli.Tests;

public sealed partial class SimulateCommandTests
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
        using var interruptedBroker = Broker(TopicNames.Inputs);
        using var timedBroker = Broker(TopicNames.Inputs);
        using var interrupt = new CancellationTokenSource();

        // Ctrl+C once events are arriving, however long the command took to start on a busy machine.
        var interruptedRun = Task.Run(() => CliRun.RunAsync(interrupt.Token, "simulate", "--bootstrap", interruptedBroker.BootstrapServers, "--rate", "50"));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (TopicReader.Count(interruptedBroker.BootstrapServers, TopicNames.Inputs, Partitions) == 0 && !interruptedRun.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await interrupt.CancelAsync();
        var interrupted = await interruptedRun;
        var timed = await CliRun.RunAsync("simulate", "--bootstrap", timedBroker.BootstrapServers, "--rate", "50", "--duration", "2s");

        Assert.True(interrupted.ExitCode == 130, interrupted.ToString());
        Assert.True(timed.ExitCode == 0, timed.ToString());

        // Every event the summary counts was flushed to Kafka before the exit, and no other.
        foreach (var (run, broker) in new[] { (interrupted, interruptedBroker), (timed, timedBroker) })
        {
            var summary = StoppedSummary().Match(run.Output);
            Assert.True(summary.Success, run.ToString());
            var produced = int.Parse(summary.Groups["produced"].Value, CultureInfo.InvariantCulture);
            Assert.True(produced > 0, run.ToString());
            Assert.Equal(produced, int.Parse(summary.Groups["delivered"].Value, CultureInfo.InvariantCulture));
            var byTopic = summary.Groups["topics"].Value.Split(", ").Select(t => t.Split(' ')).ToDictionary(t => t[0], t => int.Parse(t[1], CultureInfo.InvariantCulture));
            var consumed = TopicNames.Inputs.ToDictionary(topic => topic, topic => TopicReader.ReadAll(broker.BootstrapServers, topic, Partitions).Count);

            Assert.Equal(produced, consumed.Values.Sum());
            Assert.Equal(byTopic.Where(t => t.Value > 0).OrderBy(t => t.Key), consumed.Where(t => t.Value > 0).OrderBy(t => t.Key));
        }
    }

    [Fact]
    public async Task A_duration_beyond_what_a_wall_clock_timer_takes_is_a_usage_error_and_the_longest_one_runs()
    {
        using var broker = Broker(TopicNames.Inputs);

        var tooLong = await CliRun.RunAsync("simulate", "--bootstrap", broker.BootstrapServers, "--duration", "60d", "--max-events", "5");
        var longest = await CliRun.RunAsync("simulate", "--bootstrap", broker.BootstrapServers, "--duration", "49d", "--max-events", "5");

        Assert.True(tooLong.ExitCode == 2, tooLong.ToString());
        Assert.Equal("error: --duration '60d' is too long: at most 49d (see 'smeai --help')", Assert.Single(tooLong.ErrorLines));
        Assert.True(longest.ExitCode == 0, longest.ToString());
        Assert.StartsWith("produced 5 events", longest.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_names_the_missing_topic_instead_of_timing_out()
    {
        using var broker = Broker([TopicNames.MachineTelemetry]);

        var run = await CliRun.RunAsync("simulate", "--bootstrap", broker.BootstrapServers, "--domains", "factory", "customers", "--max-events", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: topic {TopicNames.CustomerEvents} not found on Kafka at {broker.BootstrapServers}", run.ErrorLines[^1], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^stopped: produced (?<produced>\d+) events \((?<delivered>\d+) delivered, 0 failed\) in [^:]+: (?<topics>.+)$", RegexOptions.Multiline)]
    private static partial Regex StoppedSummary();

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
