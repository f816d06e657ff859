using System.Buffers;

namespace RumCollector.Export;

/// <summary>
/// A growable byte buffer the export writers reuse from batch to batch (one per sink, used by the
/// single export worker), with <see cref="Truncate"/> so a record written by a Utf8JsonWriter can be
/// reopened and a cached segment spliced in.
/// </summary>
public sealed class ByteBuffer(int initialCapacity = 64 * 1024) : IBufferWriter<byte>
{
    private byte[] _bytes = new byte[initialCapacity];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Drops the last <paramref name="count"/> bytes.</summary>
    public void Truncate(int count) => Length -= count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void Append(byte b)
    {
        GetSpan(1)[0] = b;
        Length++;
    }

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsSpan(Length);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Length + Math.Max(sizeHint, 256);
        if (needed > _bytes.Length) Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
    }
}
