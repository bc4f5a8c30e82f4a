using System.Runtime.InteropServices;

namespace SmeAi.Streaming.Kafka.Embedded.Interop;

/// <summary>
/// The part of librdkafka's C API (rdkafka.h, rdkafka_mock.h) the embedded broker needs.
/// </summary>
/// <remarks>
/// Functions returning <c>const char*</c> return <see cref="nint"/>: the string belongs to librdkafka, and
/// a <see cref="string"/> return would make the generated stub free it.
/// </remarks>
internal static unsafe partial class LibRdKafkaMock
{
    /// <summary><c>RD_KAFKA_PRODUCER</c>: the mock only needs a handle for its bookkeeping; a producer is the lightest.</summary>
    internal const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    internal const int ConfOk = 0;

    /// <summary><c>RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS</c>.</summary>
    internal const int ErrTopicAlreadyExists = 36;

    // Every P/Invoke below resolves through the resolver that EnsureLoaded registers; the type
    // initializer guarantees that happens first, whichever method is called first.
    static LibRdKafkaMock() => LibRdKafkaLibrary.EnsureLoaded();

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_conf_set_opaque")]
    internal static partial void ConfSetOpaque(nint conf, nint opaque);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_conf_set_log_cb")]
    internal static partial void ConfSetLogCallback(nint conf, delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> logCallback);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_opaque")]
    internal static partial nint Opaque(nint rk);

    /// <summary>Takes ownership of <paramref name="conf"/> only when it succeeds.</summary>
    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_new")]
    internal static partial RdKafkaHandle New(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint rk);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_err2str")]
    private static partial nint Err2Str(int err);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial MockClusterHandle MockClusterNew(RdKafkaHandle rk, int brokerCount);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(nint mcluster);

    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    private static partial nint MockClusterBootstraps(MockClusterHandle mcluster);

    /// <summary>Returns an <c>rd_kafka_resp_err_t</c>; runs on the mock's own thread, so it is safe from any thread.</summary>
    [LibraryImport(LibRdKafkaLibrary.LogicalName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(MockClusterHandle mcluster, string topic, int partitionCount, int replicationFactor);

    internal static string ErrorText(int err) => Marshal.PtrToStringUTF8(Err2Str(err)) ?? $"error {err}";

    internal static string Bootstraps(MockClusterHandle mcluster) => Marshal.PtrToStringUTF8(MockClusterBootstraps(mcluster)) ?? string.Empty;
}
