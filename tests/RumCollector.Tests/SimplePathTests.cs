using RumCollector.Privacy;

namespace RumCollector.Tests;

/// <summary>The in-place path reader must say what Uri says, or step aside.</summary>
public class SimplePathTests
{
    [Theory]
    [InlineData("https://shop.example.com/product/123?utm_source=mail#top", "/product/123")]
    [InlineData("http://localhost:8080/cart/", "/cart/")]
    [InlineData("https://shop.example.com", "/")]
    [InlineData("https://shop.example.com?x=1", "/")]
    [InlineData("https://shop.example.com#a/b", "/")]
    public void Plain_urls_are_read_in_place(string url, string expected)
    {
        Assert.True(SimplePath.TryRead(url, out var path));
        Assert.Equal(expected, path.ToString());
    }

    [Theory]
    [InlineData("https://user@shop.example.com/a")]
    [InlineData("https://[::1]/a")]
    [InlineData("https://127.0.0.1/a")]
    [InlineData("https://shop.example.com/a/../b")]
    [InlineData("https://shop.example.com/a/./b")]
    [InlineData("https://shop.example.com/a%2Fb")]
    [InlineData("https://shop.example.com/caf\u00e9")]
    [InlineData("https://shop.example.com/a b")]
    [InlineData("https://shop.example.com:99999/a")]
    [InlineData("https://-shop.example.com/a")]
    [InlineData("HTTPS://shop.example.com/a")]
    [InlineData("ftp://shop.example.com/a")]
    public void Anything_uri_would_normalise_or_refuse_is_left_to_uri(string url)
    {
        Assert.False(SimplePath.TryRead(url, out _));
    }

    /// <summary>Seeded random URLs near the edges of the plain shape; wherever the reader answers, Uri agrees.</summary>
    [Fact]
    public void Wherever_it_answers_it_agrees_with_uri()
    {
        var random = new Random(20261201);
        string[] schemes = ["https://", "http://", "HTTP://", "ftp://", "https:/", ""];
        string[] hosts = ["shop.example.com", "localhost", "a", "a-b.c", "-a.com", "a-.com", "a..b", ".a", "a.", "1.2.3.4", "1.2.3", "0x7f.1",
            "x.123", "xn--caf-dma.fr", "user@h", "[::1]", "h:80", "h:0", "h:65535", "h:65536", "h:", "h:8a", "", "UPPER.Case", "h_1"];
        const string plain = "abcXYZ019-._~/!$&'()*+,;=:@";
        const string edgy = plain + "%? #\\é\t";
        var answered = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var alphabet = random.Next(3) == 0 ? edgy : plain;
            var path = new char[random.Next(0, 14)];
            for (var j = 0; j < path.Length; j++) path[j] = alphabet[random.Next(alphabet.Length)];
            var tail = random.Next(4) == 0 ? "" : "/" + new string(path);
            var url = schemes[random.Next(schemes.Length)] + hosts[random.Next(hosts.Length)] + tail;
            if (!SimplePath.TryRead(url, out var fast)) continue;
            answered++;
            Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri), $"Uri refuses {url}");
            Assert.Equal(uri.AbsolutePath, fast.ToString());
        }
        Assert.True(answered > 2_000, $"only {answered} URLs were read in place");
    }
}
