using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;

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
/// Reads at most maxBytes from the body, whatever Content-Length claims, and at most maxBytes
/// after decompression: a gzip bomb or a lying length stops at maxBytes + 1 with memory bounded.
/// </summary>
public static class BodyReader
{
    /// <summary>
    /// The body when all of it has already arrived (a beacon usually comes in the same packets as its
    /// headers): no wait, so no deadline to arm. False, with nothing consumed, when the caller must wait.
    /// </summary>
    public static bool TryReadArrived(PipeReader reader, string? contentEncoding, int maxBytes, out Body body)
    {
        body = null!;
        if (!reader.TryRead(out var result)) return false;
        var buffer = result.Buffer;
        if (!result.IsCompleted && buffer.Length <= maxBytes)
        {
            reader.AdvanceTo(buffer.Start);
            return false;
        }
        body = From(buffer, contentEncoding, maxBytes);
        reader.AdvanceTo(buffer.End);
        return true;
    }

    /// <summary>Waits for the whole body or maxBytes + 1 of it; the token bounds the wait.</summary>
    public static async ValueTask<Body> ReadAsync(PipeReader reader, string? contentEncoding, int maxBytes, CancellationToken cancellationToken)
    {
        var result = await reader.ReadAtLeastAsync(maxBytes + 1, cancellationToken);
        var body = From(result.Buffer, contentEncoding, maxBytes);
        reader.AdvanceTo(result.Buffer.End);
        return body;
    }

    private static Body From(ReadOnlySequence<byte> wire, string? contentEncoding, int maxBytes)
    {
        var encoding = contentEncoding?.Trim().ToLowerInvariant();
        if (encoding is not (null or "" or "identity" or "gzip" or "deflate" or "br"))
            return new Body(BodyStatus.UnsupportedEncoding, null, 0, 0);
        if (wire.Length > maxBytes) return new Body(BodyStatus.TooLarge, null, 0, 0);

        var length = (int)wire.Length;
        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        wire.CopyTo(raw);
        if (encoding is null or "" or "identity") return new Body(BodyStatus.Ok, raw, length, length);

        var plain = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            int plainLength;
            using (var compressed = new MemoryStream(raw, 0, length, writable: false))
            using (var decoder = Decoder(encoding, compressed))
                plainLength = decoder.ReadAtLeast(plain.AsSpan(0, maxBytes + 1), maxBytes + 1, throwOnEndOfStream: false);
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
}
