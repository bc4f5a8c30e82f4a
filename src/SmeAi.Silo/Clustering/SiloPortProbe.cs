using System.Net;
using System.Net.Sockets;

namespace SmeAi.Silo.Clustering;

/// <summary>Opens and at once closes a TCP connection to a silo port, sending nothing.</summary>
internal static class SiloPortProbe
{
    public static async Task<SiloPortState> ProbeAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Closed with a reset rather than a FIN, so probing five times a second leaves no TIME_WAIT sockets behind.
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
            return SiloPortState.Listening;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return SiloPortState.Refused;
        }
        catch (SocketException)
        {
            // Unreachable host or network, no route: the silo may be alive on the other side of it.
            return SiloPortState.Unknown;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SiloPortState.Unknown;
        }
    }
}
