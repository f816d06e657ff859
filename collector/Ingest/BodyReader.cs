using System.Buffers;
using System.IO.Compression;

namespace RumCollector.Ingest;

public enum BodyStatus { Ok, TooLarge, UnsupportedEncoding, BadEncoding }

/// <summary>A request body read into a pooled buffer; dispose to return it.</summary>
public sealed class Body : IDisposable
{
    private byte[]? _buffer;

    internal Body(BodyStatus status, byte[]? buffer, int length, int wireBytes)
    {
        Status = status;
        _buffer = buffer;
        Length = length;
        WireBytes = wireBytes;
    }

    public BodyStatus Status { get; }
    public int Length { get; }
    /// <summary>Bytes as they came over the wire (compressed when encoded); what the byte budget charges.</summary>
    public int WireBytes { get; }
    public ReadOnlyMemory<byte> Bytes => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, Length);

    public void Dispose()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}

/// <summary>
/// Reads at most maxBytes from the stream, whatever Content-Length claims, and at most maxBytes
/// after decompression: a gzip bomb or a lying length stops at maxBytes + 1 with memory bounded.
/// </summary>
public static class BodyReader
{
    public static async Task<Body> ReadAsync(Stream body, string? contentEncoding, int maxBytes, CancellationToken cancellationToken)
    {
        var encoding = contentEncoding?.Trim().ToLowerInvariant();
        if (encoding is not (null or "" or "identity" or "gzip" or "deflate" or "br"))
            return new Body(BodyStatus.UnsupportedEncoding, null, 0, 0);

        var raw = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        var length = await FillAsync(body, raw, maxBytes + 1, cancellationToken);
        if (length > maxBytes) return Fail(BodyStatus.TooLarge, raw);
        if (encoding is null or "" or "identity") return new Body(BodyStatus.Ok, raw, length, length);

        var plain = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            int plainLength;
            using (var compressed = new MemoryStream(raw, 0, length, writable: false))
            await using (var decoder = Decoder(encoding, compressed))
                plainLength = await FillAsync(decoder, plain, maxBytes + 1, cancellationToken);
            return plainLength > maxBytes ? Fail(BodyStatus.TooLarge, plain) : new Body(BodyStatus.Ok, plain, plainLength, length);
        }
        catch (InvalidDataException)
        {
            return Fail(BodyStatus.BadEncoding, plain);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static Stream Decoder(string encoding, Stream compressed) => encoding switch
    {
        "gzip" => new GZipStream(compressed, CompressionMode.Decompress),
        "deflate" => new ZLibStream(compressed, CompressionMode.Decompress),
        _ => new BrotliStream(compressed, CompressionMode.Decompress),
    };

    private static Body Fail(BodyStatus status, byte[] buffer)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        return new Body(status, null, 0, 0);
    }

    private static async Task<int> FillAsync(Stream source, byte[] buffer, int limit, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < limit)
        {
            var read = await source.ReadAsync(buffer.AsMemory(total, limit - total), cancellationToken);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
