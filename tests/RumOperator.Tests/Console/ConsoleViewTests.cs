using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using RumOperator.Api;
using RumOperator.PrometheusApi;
using RumOperator.SloConsole;
using RumOperator.SloConsole.Data;
using RumOperator.SloConsole.Views;
using static RumOperator.Tests.SloConsole.ConsoleManifests;

namespace RumOperator.Tests.SloConsole;

public sealed class ConsoleViewTests
{
    private static SloRow Row(string ns, string name, double? budget, string labels = "{}") =>
        new(SloManifest(ns, name, labels: labels), "28d", 99, budget is null ? null : 0.99, budget, AlertState.Ok, null, [], null, null);

    private static readonly SloRow[] Rows =
    [
        Row("shop", "checkout", 0.5, """{ "team": "checkout" }"""),
        Row("shop", "home", -2, """{ "team": "home" }"""),
        Row("blog", "posts", null, """{ "team": "blog" }"""),
        Row("blog", "feed", 0.9),
    ];

    private static ListFilter Filter(params (string Key, string Value)[] query) =>
        ListFilter.From(new QueryCollection(query.ToDictionary(q => q.Key, q => new StringValues(q.Value))));

    private static string[] Names(IEnumerable<SloRow> rows) => [.. rows.Select(r => $"{r.Namespace}/{r.Name}")];

    [Fact]
    public void The_default_list_puts_the_least_budget_first_and_no_data_last_in_either_direction()
    {
        Assert.Equal(["shop/home", "shop/checkout", "blog/feed", "blog/posts"], Names(ListFilter.Default.Apply(Rows)));
        Assert.Equal(["blog/feed", "shop/checkout", "shop/home", "blog/posts"], Names(Filter(("dir", "desc")).Apply(Rows)));
        Assert.Equal(["blog/feed", "blog/posts", "shop/checkout", "shop/home"], Names(Filter(("sort", "name")).Apply(Rows)));
    }

    [Fact]
    public void Search_label_and_namespace_filters_come_from_the_query_string()
    {
        Assert.Equal(["shop/checkout"], Names(Filter(("q", "CHECK")).Apply(Rows)));
        Assert.Equal(["shop/home"], Names(Filter(("label", "team=home")).Apply(Rows)));
        Assert.Equal(["shop/home", "shop/checkout", "blog/posts"], Names(Filter(("label", "team")).Apply(Rows)));
        Assert.Equal(["blog/feed", "blog/posts"], Names(Filter(("ns", "blog")).Apply(Rows)));
        Assert.Equal("?q=x&label=team%3Dhome&sort=name&dir=desc", Filter(("q", "x"), ("label", "team=home"), ("sort", "name"), ("dir", "desc")).Query());
        Assert.Equal("", Filter(("sort", "nonsense")).Query());
    }

    [Fact]
    public void A_hostile_query_is_bounded_and_escaped()
    {
        var filter = Filter(("q", "<script>alert(1)</script>" + new string('x', 10_000)));
        var html = ListPage.Render(new SloList([], Rows.Length, ["shop"], null), filter);

        Assert.Equal(ListFilter.MaxLength, filter.Search!.Length);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void The_manifest_shows_no_annotation_and_a_webhook_URL_without_user_info_or_query()
    {
        var slo = SloManifest("shop", "hooked", """
            , "groupBy": ["release"], "rollback": { "enabled": true, "target": { "kind": "webhook" },
              "webhook": { "url": "https://deploy:pw@hooks.example/roll/back?token=s3cret#frag", "secretRef": { "name": "hook-key" } } }
            """);
        slo.Metadata.Annotations = new Dictionary<string, string> { ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"token\":\"s3cret\"}" };

        var yaml = ManifestView.Render(slo);

        Assert.Contains("url: https://hooks.example/roll/back", yaml);
        Assert.Contains("name: hook-key", yaml);
        Assert.DoesNotContain("s3cret", yaml);
        Assert.DoesNotContain("pw", yaml);
        Assert.DoesNotContain("frag", yaml);
        Assert.Equal("(not shown: not an http(s) URL)", ManifestView.WithoutSecrets("javascript:alert(1)"));
    }

    [Fact]
    public void A_chart_counts_its_points_and_an_empty_one_says_no_data()
    {
        var line = new ChartLine("1.0", [new PromPoint(0, 0.5), new PromPoint(15, double.NaN), new PromPoint(30, 0.4), new PromPoint(45, 0.3)]);

        var drawn = SvgChart.Render("budget", [line], v => Html.Percent(v));
        var empty = SvgChart.Render("budget", [new ChartLine("1.0", [new PromPoint(0, double.NaN)])], v => Html.Percent(v));

        Assert.Contains("data-points=\"3\"", drawn);
        Assert.Equal(2, drawn.Split("<polyline").Length - 1); // NaN breaks the line
        Assert.Contains("data-points=\"0\"", empty);
        Assert.Contains(">no data<", empty);
    }

    [Theory]
    [InlineData("127.0.0.1:9095", "127.0.0.1", 9095)]
    [InlineData(":9095", "0.0.0.0", 9095)]
    [InlineData("localhost:80", "127.0.0.1", 80)]
    [InlineData("[::1]:9095", "::1", 9095)]
    public void The_console_address_is_host_and_port(string text, string address, int port)
    {
        var options = ConsoleOptions.Parse("--console-address", text);

        Assert.Equal((address, port), (options.Address.ToString(), options.Port));
    }

    [Theory]
    [InlineData("9095")]
    [InlineData("example.com:9095")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    public void A_bad_console_address_names_the_flag(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ConsoleOptions.Parse("--console-address", text));

        Assert.StartsWith("--console-address:", e.Message);
    }
}
