using System.Net;
using System.Net.Sockets;

namespace SmeAi.Testing;

/// <summary>
/// Loopback ports for the silos, hosts and servers the tests start, each offered once per test process.
/// They come from below Linux's ephemeral range (32768 and up): a port the OS hands out for port 0 can be
/// taken by an outgoing connection (a Kafka or PostgreSQL client) before the silo binds it, and the silo then
/// exits with "port ... is already in use".
/// </summary>
public static class FreePorts
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
