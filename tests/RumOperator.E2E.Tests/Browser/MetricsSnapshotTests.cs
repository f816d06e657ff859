namespace RumOperator.E2E.Tests.Browser;

/// <summary>The /metrics reader the browser scenarios assert with must itself read the format right.</summary>
public class MetricsSnapshotTests
{
    private const string Page = """
        # HELP rum_page_views_total Page views by outcome.
        # TYPE rum_page_views_total counter
        rum_page_views_total{app="shop",route="/",release="a",outcome="ok"} 4
        rum_page_views_total{app="shop",route="/product/:id",release="a",outcome="ok"} 1
        rum_page_views_total{app="shop",route="/",release="b",outcome="error"} 2.5
        rum_lcp_seconds_bucket{app="shop",le="+Inf"} 3
        rum_js_errors_total{app="sh\"op",kind="a,b}\\c"} 7
        rum_sessions_total 9 1700000000000
        """;

    [Theory]
    [InlineData("rum_page_views_total", "", "", 7.5)]
    [InlineData("rum_page_views_total", "release", "a", 5)]
    [InlineData("rum_page_views_total", "route", "/product/:id", 1)]
    [InlineData("rum_page_views_total", "outcome", "error", 2.5)]
    [InlineData("rum_page_views_total", "release", "c", 0)]
    [InlineData("rum_lcp_seconds_bucket", "le", "+Inf", 3)]
    [InlineData("rum_js_errors_total", "kind", "a,b}\\c", 7)]
    [InlineData("rum_sessions_total", "", "", 9)]
    public void Sum_AddsTheSeriesWhoseLabelsMatch(string metric, string label, string value, double expected)
    {
        var snapshot = MetricsSnapshot.Parse(Page);
        (string, string)[] match = label.Length == 0 ? [] : [(label, value)];

        Assert.Equal(expected, snapshot.Sum(metric, match));
    }

    [Fact]
    public void Parse_ReadsEscapedQuotesInLabelValues()
    {
        var snapshot = MetricsSnapshot.Parse(Page);

        Assert.True(snapshot.AnySeriesWith("app", "sh\"op"));
        Assert.False(snapshot.AnySeriesWith("app", "sh"));
    }

    [Fact]
    public void Parse_RejectsALineWithoutAValue()
    {
        Assert.Throws<FormatException>(() => MetricsSnapshot.Parse("rum_sessions_total{app=\"x\"} oops"));
    }
}
