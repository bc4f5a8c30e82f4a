using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SmeAi.Abstractions;
using SmeAi.Abstractions.Events.Validation;
using SmeAi.Abstractions.Outputs;
using SmeAi.Grains.Alerts;

namespace SmeAi.Silo.Outputs;

/// <summary>
/// The grains' side of the outputs: serialises each output on the calling grain's thread and queues it for
/// <see cref="OutputWriter"/>. The queue is bounded; a full queue makes the grain wait, which slows the stream's
/// delivery and so its fetching, rather than dropping anything.
/// </summary>
internal sealed class OutputQueue : IOutputSink
{
    // Long enough for a broker failover; a grain that times out keeps its state unsaved and its events replay.
    private static readonly TimeSpan AcknowledgementTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<OutputItem> _channel;
    private readonly bool _publishScores;

    public OutputQueue(IOptions<OutputOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _publishScores = options.Value.PublishScores;
        _channel = Channel.CreateBounded<OutputItem>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<OutputItem> Reader => _channel.Reader;

    public ValueTask PublishScoreAsync(ScoreRecord score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return _publishScores ? WriteAsync(TopicNames.Scores, score.EntityId, score, null) : ValueTask.CompletedTask;
    }

    public ValueTask PublishChurnUpdateAsync(Alert update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return WriteAsync(TopicNames.ChurnScores, update.EntityId, update, null);
    }

    public ValueTask PublishAlertAsync(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return WriteAsync(AlertDomains.TopicOf(alert.Domain), alert.EntityId, alert, alert);
    }

    public ValueTask FlushAsync()
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new OutputItem(string.Empty, string.Empty, [], null, barrier);
        return _channel.Writer.TryWrite(item) ? new ValueTask(WaitAcknowledgedAsync(barrier)) : WriteThenWaitAsync(item, barrier);
    }

    /// <summary>No more outputs will come (the silo is stopping); the writer drains what is queued.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private async ValueTask WriteThenWaitAsync(OutputItem item, TaskCompletionSource barrier)
    {
        await _channel.Writer.WriteAsync(item);
        await WaitAcknowledgedAsync(barrier);
    }

    private static async Task WaitAcknowledgedAsync(TaskCompletionSource barrier)
    {
        try
        {
            await barrier.Task.WaitAsync(AcknowledgementTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new KafkaOutputException($"Kafka did not acknowledge the outputs queued before this point within {AcknowledgementTimeout}.", ex);
        }
    }

    private ValueTask WriteAsync<T>(string topic, string key, T value, Alert? alert)
    {
        var item = new OutputItem(topic, key, JsonSerializer.SerializeToUtf8Bytes(value, EventJson.Options), alert);
        return _channel.Writer.TryWrite(item) ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(item);
    }
}
