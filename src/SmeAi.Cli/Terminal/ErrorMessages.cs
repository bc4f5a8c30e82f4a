using System.Net.Sockets;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using SmeAi.Silo.Hosting;

namespace SmeAi.Cli.Terminal;

/// <summary>Turns an exception into the one line the user sees; stack traces only with <c>SMEAI_DEBUG=1</c>.</summary>
internal static class ErrorMessages
{
    public static string Describe(Exception exception) => exception switch
    {
        CliException cli => cli.Message,
        // The in-process silo of `smeai evaluate` refused a setting: the message names it.
        SiloStartupException startup => $"the silo in this process did not start: {startup.Message}",
        OptionsValidationException options => string.Join(" ", options.Failures),
        KafkaException kafka => $"Kafka: {kafka.Error.Reason} ({kafka.Error.Code})",
        FileNotFoundException file => $"file not found: {file.FileName ?? file.Message}",
        DirectoryNotFoundException directory => directory.Message,
        UnauthorizedAccessException access => access.Message,
        IOException io => io.Message,
        _ => $"unexpected {exception.GetType().Name}: {exception.Message}",
    };

    /// <summary>Why a connection failed, in a few words: <c>connection refused</c>, <c>host not found</c>...</summary>
    public static string ConnectionFailure(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.TimedOut => "timed out",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "unreachable",
                    _ => socket.Message,
                };
            }
        }

        return exception.Message;
    }
}
