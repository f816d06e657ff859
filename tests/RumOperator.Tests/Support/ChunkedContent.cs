using System.Net;
using System.Text;

namespace RumOperator.Tests.Support;

/// <summary>A request body sent with Transfer-Encoding: chunked (no Content-Length): a limit must count what it reads.</summary>
public sealed class ChunkedContent(string text) : HttpContent
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < _bytes.Length; offset += 64 * 1024)
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(64 * 1024, _bytes.Length - offset)));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
