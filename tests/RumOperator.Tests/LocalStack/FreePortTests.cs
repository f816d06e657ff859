using System.Net;
using System.Net.Sockets;
using RumOperator.LocalStack.Processes;

namespace RumOperator.Tests.LocalStack;

public sealed class FreePortTests
{
    /// <summary>An outgoing connection takes its local port from the ephemeral range, so a port named ahead stays clear of it.</summary>
    [Fact]
    public void Ports_named_ahead_are_bindable_and_below_the_ephemeral_range()
    {
        var ephemeralStart = FreePort.EphemeralStart();
        for (var i = 0; i < 20; i++)
        {
            var port = FreePort.Next();
            if (ephemeralStart > 10_000) Assert.InRange(port, 10_000, ephemeralStart - 1);
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }
}
