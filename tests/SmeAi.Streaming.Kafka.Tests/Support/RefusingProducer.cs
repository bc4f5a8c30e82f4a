using System.Reflection;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace SmeAi.Streaming.Kafka.Tests.Support;

/// <summary>
/// A producer whose every <c>ProduceAsync</c> fails as a real one does when the broker does not take the message
/// (a <see cref="ProduceException{TKey, TValue}"/>), so a test can break the dead-letter topic at will.
/// </summary>
public class RefusingProducer : DispatchProxy
{
    public static IProducer<byte[], byte[]> Create() => DispatchProxy.Create<IProducer<byte[], byte[]>, RefusingProducer>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        nameof(IProducer<byte[], byte[]>.ProduceAsync) => Task.FromException<DeliveryResult<byte[], byte[]>>(
            new ProduceException<byte[], byte[]>(new Error(ErrorCode.Local_MsgTimedOut, "refused by the test"), new DeliveryResult<byte[], byte[]>())),
        nameof(IDisposable.Dispose) => null,
        _ => throw new NotSupportedException($"{targetMethod?.Name} is not used by the dead-letter publisher."),
    };
}
