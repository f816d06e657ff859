using System.IO.Pipelines;
using System.Text;
using RumCollector.Ingest;
using RumCollector.Tests.Support;

namespace RumCollector.Tests;

public sealed class BodyReaderTests
{
    private static async Task<Body> Read(byte[] bytes, string? encoding, int max = 1024) =>
        await BodyReader.ReadAsync(PipeReader.Create(new MemoryStream(bytes)), encoding, max, CancellationToken.None);

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

/// <summary>The no-wait path: a body that has all arrived is read at once; otherwise nothing is consumed.</summary>
public sealed class ArrivedBodyTests
{
    [Fact]
    public async Task A_body_that_has_all_arrived_is_read_without_waiting()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("{\"a\":1}"u8.ToArray());
        await pipe.Writer.CompleteAsync();

        Assert.True(BodyReader.TryReadArrived(pipe.Reader, null, 1024, out var body));
        using (body)
        {
            Assert.Equal(BodyStatus.Ok, body.Status);
            Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(body.Bytes.Span));
        }
    }

    [Fact]
    public async Task A_body_still_arriving_is_left_whole_for_the_waiting_read()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("{\"a\":"u8.ToArray());

        Assert.False(BodyReader.TryReadArrived(pipe.Reader, null, 1024, out _));
        await pipe.Writer.WriteAsync("1}"u8.ToArray());
        await pipe.Writer.CompleteAsync();
        using var body = await BodyReader.ReadAsync(pipe.Reader, null, 1024, CancellationToken.None);

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(body.Bytes.Span));
    }

    [Fact]
    public async Task A_body_past_the_limit_is_too_large_before_the_rest_arrives()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[1025]);

        Assert.True(BodyReader.TryReadArrived(pipe.Reader, null, 1024, out var body));
        Assert.Equal(BodyStatus.TooLarge, body.Status);
    }

    [Fact]
    public async Task An_arrived_gzip_body_is_decompressed()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Beacons.Gzip(new string('a', 900)));
        await pipe.Writer.CompleteAsync();

        Assert.True(BodyReader.TryReadArrived(pipe.Reader, "gzip", 1024, out var body));
        using (body) Assert.Equal(new string('a', 900), Encoding.UTF8.GetString(body.Bytes.Span));
    }
}
