using Microsoft.Win32.SafeHandles;

namespace SmeAi.Streaming.Kafka.Embedded.Interop;

/// <summary>
/// An <c>rd_kafka_mock_cluster_t*</c>. It holds a reference on the <c>rd_kafka_t</c> it was created on,
/// because librdkafka requires that handle to outlive the cluster.
/// </summary>
internal sealed class MockClusterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private RdKafkaHandle? _owner;

    /// <summary>Used by the generated marshaller for <c>rd_kafka_mock_cluster_new</c>'s return value.</summary>
    public MockClusterHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Keeps <paramref name="owner"/> alive until this cluster has been destroyed.</summary>
    internal void KeepOwnerAlive(RdKafkaHandle owner)
    {
        var added = false;
        owner.DangerousAddRef(ref added);
        _owner = owner;
    }

    protected override bool ReleaseHandle()
    {
        // Stops the mock's thread and closes its listeners; blocks until both are gone.
        LibRdKafkaMock.MockClusterDestroy(handle);
        _owner?.DangerousRelease();
        return true;
    }
}
