using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using SmeAi.Silo.Outputs;

namespace SmeAi.Silo.Tests;

/// <summary>Records a replaced producer never reported on are refusals an operator can see, not only the grains.</summary>
public sealed class AbandonedOutputMetricTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly OutputMeterListener _listener;
    private readonly AcknowledgementTracker _acknowledgements = new();
    private readonly RecordingLogger<OutputWriter> _logger = new();
    private readonly OutputProducer _producer;

    public AbandonedOutputMetricTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener = new OutputMeterListener(meters);

        // Never connected: the test hands it no record, only the tracker's count of what a retired producer held.
        _producer = new OutputProducer(new ProducerConfig { BootstrapServers = "127.0.0.1:9" }, _acknowledgements, new OutputMetrics(meters), _logger);
    }

    public void Dispose()
    {
        _producer.Dispose();
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Abandoned_records_are_counted_as_failed_with_an_unknown_topic_and_logged_once()
    {
        _acknowledgements.Sending();
        _acknowledgements.AddBarrier(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _acknowledgements.Sending();
        _acknowledgements.Sending();

        // As after a replacement: the last record counted is in hand and goes to the new producer.
        _producer.AbandonUnreported(inHand: 1);

        // Before the fix the barriers failed but smeai.outputs.failed stayed at 0.
        Assert.Equal([(2L, (object?)OutputMetrics.UnknownTopic)], _listener.Of("smeai.outputs.failed", "topic"));
        Assert.Contains("let go with 2 records it never reported on", Assert.Single(_logger.Entries).Message, StringComparison.Ordinal);
        Assert.Equal(1, _acknowledgements.Outstanding);
    }

    [Fact]
    public void Nothing_is_counted_or_logged_when_nothing_was_outstanding()
    {
        _acknowledgements.Sending();

        _producer.AbandonUnreported(inHand: 1);

        Assert.Empty(_listener.Of("smeai.outputs.failed", "topic"));
        Assert.Empty(_logger.Entries);
    }
}
