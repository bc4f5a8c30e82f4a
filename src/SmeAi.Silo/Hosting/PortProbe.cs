using System.Net;
using System.Net.Sockets;

namespace SmeAi.Silo.Hosting;

/// <summary>
/// Binds each port briefly before the host starts, so a port in use is reported with the setting
/// that chose it rather than as a socket error from deep inside Orleans or Kestrel.
/// </summary>
internal static class PortProbe
{
    public static void EnsureFree(string setting, IPAddress address, int port)
    {
        try
        {
            using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new SiloStartupException($"{setting}: port {port} on {address} is already in use; choose another port.", ex);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable)
        {
            throw new SiloStartupException($"{setting}: address {address} is not an address of this machine.", ex);
        }
    }

    /// <summary>The address Kestrel will bind for a URL: loopback for <c>localhost</c>, any for wildcards.</summary>
    public static IPAddress BindAddressOf(Uri url) => url.Host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" or "0.0.0.0" => IPAddress.Any,
        _ when IPAddress.TryParse(url.Host, out var ip) => ip,
        _ => IPAddress.Any,
    };
}
