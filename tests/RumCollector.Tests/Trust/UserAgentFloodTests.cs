using RumCollector.Enrichment;

namespace RumCollector.Tests.Trust;

/// <summary>The client sets the User-Agent's size; what the collector keeps of it is bounded in bytes.</summary>
public sealed class UserAgentFloodTests
{
    private static string HugeUserAgent(int i) =>
        $"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.{i}.0 Safari/537.36 " + new string((char)('a' + i % 26), 30 * 1024);

    [Fact]
    public void A_flood_of_4096_distinct_30_KB_user_agents_keeps_the_cache_within_its_byte_bound()
    {
        var cache = new UserAgentCache();
        var peak = 0L;
        for (var i = 0; i < 4096; i++)
        {
            var info = cache.Parse(HugeUserAgent(i), allowHeadless: false);
            Assert.Equal("chrome", info.Browser);
            peak = Math.Max(peak, cache.Bytes);
        }

        Assert.InRange(peak, 1, cache.MaxBytes);
        // What was kept is the cut header: 4,096 entries of 30 KB would be 250 MB.
        Assert.True(cache.Count * UserAgentCache.CostOf(new string('x', UserAgentParser.MaxLength)) >= cache.Bytes);
    }

    [Fact]
    public void Retained_memory_after_the_flood_is_a_few_megabytes_not_hundreds()
    {
        var cache = new UserAgentCache();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 4096; i++) cache.Parse(HugeUserAgent(i), allowHeadless: false);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(cache);

        // Other tests allocate in parallel, hence the margin; unbounded, the cache alone keeps about 250 MB.
        Assert.True(after - before < 64L * 1024 * 1024, $"the cache kept {(after - before) / 1024 / 1024} MB");
    }

    [Fact]
    public void Classification_reads_only_the_first_MaxLength_characters()
    {
        var cache = new UserAgentCache();
        var botMarkerFarOut = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 " + new string(' ', UserAgentParser.MaxLength) + "Googlebot";

        var info = cache.Parse(botMarkerFarOut, allowHeadless: false);

        Assert.Equal("firefox", info.Browser);
        Assert.False(info.IsBot);
    }
}
