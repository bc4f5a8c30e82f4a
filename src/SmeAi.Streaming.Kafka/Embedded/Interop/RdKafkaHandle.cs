using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SmeAi.Streaming.Kafka.Embedded.Interop;

/// <summary>An <c>rd_kafka_t*</c>, destroyed with <c>rd_kafka_destroy</c>.</summary>
internal sealed class RdKafkaHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private GCHandle _logSink;

    /// <summary>Used by the generated marshaller for <c>rd_kafka_new</c>'s return value.</summary>
    public RdKafkaHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>
    /// Hands over the handle passed as the log callback's opaque; it is freed only after
    /// <c>rd_kafka_destroy</c> returns, when librdkafka can no longer call back with it.
    /// </summary>
    internal void OwnLogSink(GCHandle logSink) => _logSink = logSink;

    protected override bool ReleaseHandle()
    {
        LibRdKafkaMock.Destroy(handle);
        if (_logSink.IsAllocated)
        {
            _logSink.Free();
        }

        return true;
    }
}
