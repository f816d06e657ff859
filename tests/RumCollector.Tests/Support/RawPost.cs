using System.Net.Sockets;
using System.Text;

namespace RumCollector.Tests.Support;

/// <summary>
/// A beacon POST written by hand on its own connection, for tests that decide how (and whether) the body
/// arrives: headers first, then whatever bytes the test writes, then the server's answer as text.
/// </summary>
public sealed class RawPost : IDisposable
{
    private readonly TcpClient _tcp;

    private RawPost(TcpClient tcp) => _tcp = tcp;

    public NetworkStream Stream => _tcp.GetStream();

    /// <summary>Connects and sends the request line and headers, announcing <paramref name="contentLength"/> bytes.</summary>
    public static async Task<RawPost> StartAsync(Uri server, long contentLength, bool closeAfter = true)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var head = $"POST /v1/rum HTTP/1.1\r\nHost: x\r\nX-Rum-Key: {Beacons.Key}\r\nContent-Type: application/json\r\n" +
                   $"Content-Length: {contentLength}\r\n{(closeAfter ? "Connection: close\r\n" : "")}\r\n";
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        return new RawPost(tcp);
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes) => Stream.WriteAsync(bytes);

    /// <summary>The whole answer, once the server closes the connection.</summary>
    public Task<string> AnswerAsync() => new StreamReader(Stream).ReadToEndAsync();

    public void Dispose() => _tcp.Dispose();
}
