using System.Net;
using System.Net.Sockets;

namespace SmeAi.Silo.Hosting;

/// <summary>
/// Free loopback ports for a silo a program starts for itself (<c>smeai evaluate</c>'s in-process silo).
/// They come from below Linux's ephemeral range (32768 and up): a port the OS hands out for port 0 can be
/// taken by any outgoing connection between the pick and the silo's bind, which then fails as "in use".
/// Each port is offered once per process. The test fixtures compile this same file into SmeAi.Testing (FreePorts).
/// </summary>
internal static class LoopbackPorts
{
    private const int First = 20000;
    private const int Count = 32768 - First;
    private static int _cursor = Random.Shared.Next(Count);

    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _cursor) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
