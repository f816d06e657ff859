using RumCollector.Enrichment;
using RumCollector.Tests.Support;

namespace RumCollector.Tests;

public sealed class EnrichmentTests
{
    public static TheoryData<string, string, string, bool, string> UserAgentCorpus()
    {
        var data = new TheoryData<string, string, string, bool, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "user-agents.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var f = line.Split('\t');
            data.Add(f[0], f[1], f[2], bool.Parse(f[3]), f[4]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(UserAgentCorpus))]
    public void User_agents_of_the_corpus_classify_as_recorded(string device, string browser, string os, bool bot, string userAgent)
    {
        var info = UserAgentParser.Parse(userAgent, allowHeadless: false);

        Assert.Equal(new ClientInfo(device, browser, os, bot), info);
        Assert.Contains(info.Device, UserAgentParser.Devices);
        Assert.Contains(info.Browser, UserAgentParser.Browsers);
        Assert.Contains(info.Os, UserAgentParser.OperatingSystems);
    }

    [Fact]
    public void Headless_chrome_is_a_browser_when_the_pipeline_allows_it()
    {
        const string headless = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
        Assert.True(UserAgentParser.Parse(headless, allowHeadless: false).IsBot);
        Assert.False(UserAgentParser.Parse(headless, allowHeadless: true).IsBot);
        Assert.True(UserAgentParser.Parse("Googlebot/2.1 HeadlessChrome", allowHeadless: true).IsBot);
    }

    [Fact]
    public void Random_user_agents_stay_inside_the_bounded_value_sets()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var ua = new string(Enumerable.Range(0, random.Next(0, 200)).Select(_ => (char)random.Next(32, 127)).ToArray());
            var info = UserAgentParser.Parse(ua, allowHeadless: false);
            Assert.Contains(info.Device, UserAgentParser.Devices);
            Assert.Contains(info.Browser, UserAgentParser.Browsers);
            Assert.Contains(info.Os, UserAgentParser.OperatingSystems);
        }
    }

    [Theory]
    [InlineData("de", "DE")]
    [InlineData(" US ", "US")]
    [InlineData("XX", "unknown")]
    [InlineData("T1", "unknown")]
    [InlineData("Germany", "unknown")]
    [InlineData("1A", "unknown")]
    [InlineData(null, "unknown")]
    public void Country_comes_from_a_valid_two_letter_geo_header(string? value, string expected)
    {
        Assert.Equal(expected, CountryResolver.Resolve(["CF-IPCountry"], name => name == "CF-IPCountry" ? value : null));
    }

    [Fact]
    public void Country_takes_the_first_configured_header_with_a_valid_code()
    {
        var headers = new Dictionary<string, string> { ["CF-IPCountry"] = "XX", ["CloudFront-Viewer-Country"] = "fr" };
        Assert.Equal("FR", CountryResolver.Resolve(["CF-IPCountry", "CloudFront-Viewer-Country"], headers.GetValueOrDefault));
    }

    [Theory]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01", null)]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", null)]
    [InlineData("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null)]
    [InlineData("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", null)]
    [InlineData("00-4bf92f35-00f067aa0ba902b7-01", null)]
    [InlineData("garbage", null)]
    [InlineData(null, null)]
    public void Trace_id_comes_only_from_a_valid_traceparent(string? traceparent, string? expected)
    {
        Assert.Equal(expected, TraceParent.TraceId(traceparent));
    }
}
