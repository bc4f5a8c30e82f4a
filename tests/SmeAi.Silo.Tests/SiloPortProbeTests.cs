using System.Net;
using System.Net.Sockets;
using SmeAi.Silo.Clustering;
using SmeAi.Silo.Hosting;
using SmeAi.Testing;

namespace SmeAi.Silo.Tests;

public sealed class SiloPortProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_port_something_listens_on_is_listening()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        var state = await SiloPortProbe.ProbeAsync((IPEndPoint)listener.LocalEndpoint, Timeout, CancellationToken.None);

        Assert.Equal(SiloPortState.Listening, state);
    }

    [Fact]
    public async Task A_port_nothing_listens_on_is_refused()
    {
        var port = LoopbackPorts.Next();

        var state = await SiloPortProbe.ProbeAsync(new IPEndPoint(IPAddress.Loopback, port), Timeout, CancellationToken.None);

        Assert.Equal(SiloPortState.Refused, state);
    }

    // Linux leaves unanswered the connects a full accept queue has no room for; Windows refuses them, which is why the
    // crashed-silo check runs on Linux only.
    [LinuxFact]
    public async Task A_listener_too_busy_to_accept_proves_nothing()
    {
        // A listener that never accepts and keeps one waiting connection, as a silo too busy to accept would.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(0);
        var endpoint = (IPEndPoint)listener.LocalEndpoint;

        var states = new List<SiloPortState>();
        for (var i = 0; i < 4; i++)
        {
            states.Add(await SiloPortProbe.ProbeAsync(endpoint, TimeSpan.FromMilliseconds(300), CancellationToken.None));
        }

        Assert.DoesNotContain(SiloPortState.Refused, states);
        Assert.Equal(SiloPortState.Unknown, states[^1]);
    }
}
