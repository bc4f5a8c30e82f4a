using Orleans.Streams;
using Orleans.Streams.Core;
using SmeAi.Streaming.Kafka.Provider;

namespace SmeAi.Streaming.Kafka.Tests.Provider;

public interface IRecorderGrain : IGrainWithStringKey
{
    Task Ping();
}

/// <summary>Records each event with the partition and offset of its token, one at a time.</summary>
[ImplicitStreamSubscription(TestNamespaces.Events)]
public sealed class RecorderGrain : Grain, IRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<TestEvent>
{
    public Task Ping() => Task.CompletedTask;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TestEvent>().ResumeAsync(this);

    public Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        var kafka = (KafkaStreamSequenceToken)token!;
        TestLedger.Record(this.GetPrimaryKeyString(), item.Seq, kafka.Partition, kafka.Offset);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>Receives events as batches through <see cref="IAsyncBatchObserver{T}"/>.</summary>
[ImplicitStreamSubscription(TestNamespaces.BatchEvents)]
public sealed class BatchRecorderGrain : Grain, IRecorderGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<TestEvent>
{
    public Task Ping() => Task.CompletedTask;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TestEvent>().ResumeAsync(this);

    public Task OnNextAsync(IList<SequentialItem<TestEvent>> items)
    {
        foreach (var item in items)
        {
            var kafka = (KafkaStreamSequenceToken)item.Token;
            TestLedger.Record(this.GetPrimaryKeyString(), item.Item.Seq, kafka.Partition, kafka.Offset);
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>Takes a few milliseconds per event, so the queue cache fills up faster than it drains.</summary>
[ImplicitStreamSubscription(TestNamespaces.SlowEvents)]
public sealed class SlowRecorderGrain : Grain, IRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<TestEvent>
{
    public Task Ping() => Task.CompletedTask;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TestEvent>().ResumeAsync(this);

    public async Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        await Task.Delay(2);
        var kafka = (KafkaStreamSequenceToken)token!;
        TestLedger.Record(this.GetPrimaryKeyString(), item.Seq, kafka.Partition, kafka.Offset);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>Holds every event until <see cref="Release"/>, so its partition backs up as behind a stuck consumer.</summary>
[ImplicitStreamSubscription(TestNamespaces.HeldEvents)]
public sealed class HeldRecorderGrain : Grain, IRecorderGrain, IStreamSubscriptionObserver, IAsyncObserver<TestEvent>
{
    private static TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds the events that arrive from now on.</summary>
    public static void Hold() => _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Release() => _gate.TrySetResult();

    public Task Ping() => Task.CompletedTask;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<TestEvent>().ResumeAsync(this);

    public async Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        await _gate.Task;
        var kafka = (KafkaStreamSequenceToken)token!;
        TestLedger.Record(this.GetPrimaryKeyString(), item.Seq, kafka.Partition, kafka.Offset);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
