using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using SmeAi.Streaming.Kafka.Embedded.Interop;

namespace SmeAi.Silo.Tests;

/// <summary>
/// Puts a client into librdkafka's fatal state with <c>rd_kafka_test_fatal_error</c>, librdkafka's own hook for
/// testing fatal-error handling: an idempotent producer's real fatal errors (a fenced epoch, a sequence gap) need
/// broker states no test broker reaches on demand.
/// </summary>
internal static class LibRdKafkaFatalErrors
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int TestFatalError(nint client, int error, [MarshalAs(UnmanagedType.LPUTF8Str)] string reason);

    public static void Trigger(IClient client, ErrorCode error, string reason)
    {
        ArgumentNullException.ThrowIfNull(client);

        // The same file Confluent.Kafka loaded: a second copy of the library would not know the client.
        LibRdKafkaLibrary.EnsureLoaded();
        var library = NativeLibrary.Load(LibRdKafkaLibrary.Path);
        var trigger = Marshal.GetDelegateForFunctionPointer<TestFatalError>(NativeLibrary.GetExport(library, "rd_kafka_test_fatal_error"));

        // Confluent.Kafka keeps the native handle internal.
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
        var handleType = client.Handle.GetType();
        var native = (handleType.GetProperty("LibrdkafkaHandle", Internal)?.GetValue(client.Handle)
            ?? handleType.GetField("LibrdkafkaHandle", Internal)?.GetValue(client.Handle)) as SafeHandle
            ?? throw new InvalidOperationException($"{handleType} has no LibrdkafkaHandle; Confluent.Kafka changed its internals.");
        var result = trigger(native.DangerousGetHandle(), (int)error, reason);
        if (result != 0)
        {
            throw new InvalidOperationException($"rd_kafka_test_fatal_error answered {(ErrorCode)result}.");
        }
    }
}
