using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace SmeAi.Streaming.Kafka.Embedded.Interop;

/// <summary>
/// Routes librdkafka's log lines to a managed sink instead of stderr, where they would bypass logging.
/// </summary>
internal static unsafe class LibRdKafkaLog
{
    /// <summary>The callback for <c>rd_kafka_conf_set_log_cb</c>; its opaque must be a <see cref="GCHandle"/> to a <see cref="Sink"/>.</summary>
    internal static delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> Callback => &OnLog;

    /// <summary>Receives one line: its level, librdkafka's facility (e.g. <c>MOCK</c>) and the text.</summary>
    internal delegate void Sink(LogLevel level, string facility, string message);

    /// <summary>Maps librdkafka's syslog levels (0 emergency .. 7 debug) to <see cref="LogLevel"/>.</summary>
    internal static LogLevel ToLogLevel(int syslogLevel) => syslogLevel switch
    {
        <= 2 => LogLevel.Critical,
        3 => LogLevel.Error,
        4 => LogLevel.Warning,
        5 or 6 => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(nint rk, int level, byte* facility, byte* message)
    {
        // Runs on librdkafka's threads: an exception escaping here would abort the process.
#pragma warning disable CA1031
        try
        {
            var opaque = LibRdKafkaMock.Opaque(rk);
            if (opaque != 0 && GCHandle.FromIntPtr(opaque).Target is Sink sink)
            {
                sink(
                    ToLogLevel(level),
                    Marshal.PtrToStringUTF8((nint)facility) ?? string.Empty,
                    Marshal.PtrToStringUTF8((nint)message) ?? string.Empty);
            }
        }
        catch (Exception)
        {
            // Losing a log line is better than losing the process.
        }
#pragma warning restore CA1031
    }
}
