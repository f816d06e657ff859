using RumOperator.Hosting;

namespace RumOperator.Tests.Controllers;

public sealed class OperatorOptionsTests
{
    private static OperatorOptions Parse(string? watch = null, string image = "img", string? prometheus = null, string interval = "1m", int metrics = 8080, int health = 8081) =>
        OperatorOptions.Parse(null, watch, image, prometheus, interval, leaderElect: false, metrics, health);

    [Theory]
    [InlineData("--collector-image", "image")]
    [InlineData("--prometheus-url", "prometheus")]
    [InlineData("--prometheus-interval", "interval")]
    [InlineData("--metrics-port", "metrics")]
    [InlineData("--watch-namespaces", "watch")]
    public void A_bad_flag_is_an_error_naming_it(string flag, string which)
    {
        var e = Assert.Throws<ArgumentException>(() => which switch
        {
            "image" => Parse(image: " "),
            "prometheus" => Parse(prometheus: "ftp://prom"),
            "interval" => Parse(interval: "1s"),
            "metrics" => Parse(metrics: 70000),
            _ => Parse(watch: "Team_A"),
        });

        Assert.StartsWith(flag + ":", e.Message);
    }

    [Fact]
    public void Good_flags_are_parsed()
    {
        var options = Parse(watch: "shop, team-b", prometheus: "http://prometheus.monitoring:9090", interval: "30s");

        Assert.Equal(["shop", "team-b"], options.WatchNamespaces);
        Assert.Equal("http://prometheus.monitoring:9090/api/v1/query", new Uri(options.PrometheusUrl!, "api/v1/query").ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), options.PrometheusInterval);
    }
}
