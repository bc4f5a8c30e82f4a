using System.Net;
using System.Net.Sockets;

namespace SmeAi.Testing;

/// <summary>Loopback ports the OS says are free right now, for processes the tests start.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
