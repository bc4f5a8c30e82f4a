using Confluent.Kafka;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Keeps a backed-up partition's high watermark current for the lag gauge. When its consumers fall behind, its cache
/// fills, the pulling agent stops reading it, and soon nothing is fetched for it (librdkafka's prefetch is full or the
/// partition is paused); the watermark librdkafka reports is then the one of its last fetch, and the lag gauge would
/// stand still exactly while the lag grows. So meanwhile its broker is asked every <see cref="Period"/>, off the
/// scheduler; the receiver's own reads set it again once it is read.
/// </summary>
internal sealed class KafkaWatermarkRefresh
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private volatile bool _stopped;

    public KafkaWatermarkRefresh(KafkaSharedConsumer consumer, TopicPartition partition, KafkaQueueState state) =>
        _ = Task.Run(() => RunAsync(consumer, partition, state));

    /// <summary>
    /// Ends the refresh at its next tick. Not at once: a query in flight can take the broker's whole operation timeout,
    /// and the shared consumer stays open until it ends anyway; the registry no longer reports the queue.
    /// </summary>
    public void Stop() => _stopped = true;

    private async Task RunAsync(KafkaSharedConsumer consumer, TopicPartition partition, KafkaQueueState state)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false) && !_stopped)
        {
            if (await consumer.QueryHighWatermarkWhileUnfetchedAsync(partition, cacheFull: state.Paused).ConfigureAwait(false) is { } high)
            {
                state.RaiseHighWatermark(high);
            }
        }
    }
}
