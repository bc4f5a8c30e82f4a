using SmeAi.Silo.Hosting;

namespace SmeAi.Testing;

/// <summary>
/// Loopback ports for the silos, hosts and servers the tests start, each offered once per test process. They come
/// from below Linux's ephemeral range (<see cref="LoopbackPorts"/>): a port the OS hands out for port 0 can be taken
/// by an outgoing connection (a Kafka or PostgreSQL client) before the silo binds it, and the silo then exits with
/// "port ... is already in use".
/// </summary>
public static class FreePorts
{
    public static int Next() => LoopbackPorts.Next();
}
