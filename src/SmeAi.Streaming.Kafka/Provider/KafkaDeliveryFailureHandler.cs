using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace SmeAi.Streaming.Kafka.Provider;

/// <summary>
/// Logs delivery and subscription failures. It never faults a subscription: a batch that failed after
/// <c>DeliveryTimeout</c> is marked by its cache cursor and dead-lettered by the receiver once purged, and the
/// partition keeps flowing.
/// </summary>
internal sealed partial class KafkaDeliveryFailureHandler(ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogDeliveryFailed(logger, streamProviderName, streamIdentity, sequenceToken);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, streamProviderName, streamIdentity, sequenceToken);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3040, Level = LogLevel.Warning,
        Message = "Stream provider {Provider} gave up delivering the batch at {Token} of stream {StreamId}; it goes to the dead-letter topic")]
    private static partial void LogDeliveryFailed(ILogger logger, string provider, StreamId streamId, StreamSequenceToken? token);

    [LoggerMessage(EventId = 3041, Level = LogLevel.Warning,
        Message = "Stream provider {Provider} could not start a subscription to stream {StreamId} at {Token}")]
    private static partial void LogSubscriptionFailed(ILogger logger, string provider, StreamId streamId, StreamSequenceToken? token);
}
