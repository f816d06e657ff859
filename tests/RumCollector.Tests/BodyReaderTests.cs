using System.Text;
using RumCollector.Ingest;
using RumCollector.Tests.Support;

namespace RumCollector.Tests;

public sealed class BodyReaderTests
{
    private static Task<Body> Read(byte[] bytes, string? encoding, int max = 1024) =>
        BodyReader.ReadAsync(new MemoryStream(bytes), encoding, max, CancellationToken.None);

    [Fact]
    public async Task Plain_body_within_the_limit_is_read_whole()
    {
        using var body = await Read(Encoding.UTF8.GetBytes("{\"a\":1}"), null);
        Assert.Equal(BodyStatus.Ok, body.Status);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(body.Bytes.Span));
    }

    [Fact]
    public async Task Gzip_body_is_decompressed_and_charged_its_wire_size()
    {
        var text = new string('a', 900);
        using var body = await Read(Beacons.Gzip(text), "gzip");
        Assert.Equal(BodyStatus.Ok, body.Status);
        Assert.Equal(text, Encoding.UTF8.GetString(body.Bytes.Span));
        Assert.True(body.WireBytes < 100);
    }

    [Theory]
    [InlineData(1025, null)]
    [InlineData(1_000_000, null)]
    public async Task Bodies_over_the_limit_are_too_large(int size, string? encoding)
    {
        using var body = await Read(new byte[size], encoding);
        Assert.Equal(BodyStatus.TooLarge, body.Status);
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_limit_after_decompression()
    {
        var bomb = Beacons.Gzip(new byte[50_000_000]); // ~50 KB on the wire, 50 MB inflated
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var body = await Read(bomb, "gzip", max: 65536);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(BodyStatus.TooLarge, body.Status);
        Assert.True(allocated < 2_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task Corrupt_gzip_is_a_bad_encoding()
    {
        using var body = await Read([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7], "gzip");
        Assert.Equal(BodyStatus.BadEncoding, body.Status);
    }

    [Fact]
    public async Task Unknown_encodings_are_unsupported()
    {
        using var body = await Read([1, 2, 3], "compress");
        Assert.Equal(BodyStatus.UnsupportedEncoding, body.Status);
    }
}
