using System.Net;
using System.Net.Sockets;
using SmeAi.Silo.Hosting;

namespace SmeAi.Silo.Tests;

public sealed class LoopbackPortsTests
{
    private const int FirstEphemeralPort = 32768;

    [Fact]
    public void Ports_are_below_the_ephemeral_range_bindable_and_never_offered_twice()
    {
        var ports = Enumerable.Range(0, 200).Select(_ => LoopbackPorts.Next()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 1024, FirstEphemeralPort - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        });
    }

    [Fact]
    public void A_port_in_use_is_passed_over()
    {
        var held = new List<TcpListener>();
        try
        {
            // Hold the next few ports of the cursor: the pick after them must skip every one.
            var probe = LoopbackPorts.Next();
            while (probe > FirstEphemeralPort - 10)
            {
                // Too near the top, where the cursor wraps to the bottom of the range: go on until it has.
                probe = LoopbackPorts.Next();
            }

            for (var port = probe + 1; port < probe + 6 && port < FirstEphemeralPort; port++)
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                    held.Add(listener);
                }
                catch (SocketException)
                {
                    // Already taken by someone else: passed over all the same.
                }
            }

            var next = LoopbackPorts.Next();

            Assert.NotEmpty(held);
            Assert.DoesNotContain(next, held.Select(l => ((IPEndPoint)l.LocalEndpoint).Port));
        }
        finally
        {
            held.ForEach(l => l.Stop());
        }
    }
}
