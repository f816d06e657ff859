namespace RumOperator.Web;

/// <summary>
/// Reads a request body up to a byte limit however it is framed: Content-Length is a claim, a chunked body has none,
/// so the limit is counted on the bytes read. Memory stays within the limit plus one buffer.
/// </summary>
public static class BoundedBody
{
    private const int BufferSize = 16 * 1024;

    /// <summary>The body, or null once it exceeds <paramref name="maxBytes"/> (reading stops there).</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? contentLength, long maxBytes, CancellationToken ct)
    {
        if (contentLength > maxBytes) return null;
        using var read = new MemoryStream(capacity: (int)Math.Min(contentLength ?? BufferSize, maxBytes));
        var buffer = new byte[BufferSize];
        int n;
        while ((n = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (read.Length + n > maxBytes) return null;
            read.Write(buffer, 0, n);
        }
        return read.ToArray();
    }
}
