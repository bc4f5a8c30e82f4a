using Orleans.Streams;
using Orleans.Streams.Core;
using SmeAi.Abstractions.Events;
using SmeAi.LoadTests.Measurement;

namespace SmeAi.LoadTests.Silo;

/// <summary>
/// The trivial consumer of the provider benchmark: implicitly subscribed, receives each delivery as one batch, counts
/// its events and reports them to the silo's <see cref="DeliveryProbe"/>.
/// </summary>
[ImplicitStreamSubscription(LoadTestNames.TelemetryNamespace)]
internal sealed class TelemetryCounterGrain(DeliveryProbe probe)
    : Grain, ITelemetryCounterGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<MachineTelemetry>
{
    private long _events;

    public Task<long> GetEventCountAsync() => Task.FromResult(_events);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<MachineTelemetry>().ResumeAsync(this);
    }

    public Task OnNextAsync(IList<SequentialItem<MachineTelemetry>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _events += items.Count;
        probe.Delivered(items);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
