using System.Net;
using RumCollector.Tests.Support;
using RumOperator.Metrics;

namespace RumCollector.Tests;

/// <summary>The done-when check: standalone mode on examples/, the beacon.md example, the contract metrics.</summary>
public sealed class ExampleBeaconIntegrationTests : IAsyncLifetime
{
    private CollectorServer _server = null!;

    public async Task InitializeAsync() => _server = await CollectorServer.StartAsync("--manifests", Repo.Examples);
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Example_beacon_is_accepted_and_counted_four_times_for_sample_rate_a_quarter()
    {
        using var response = await _server.PostAsync(Beacons.Example);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(Beacons.Origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var samples = await _server.MetricsAsync();
        (string, string)[] common = [("app", "storefront"), ("route", "/product/:id"), ("release", "2.3.1"), ("device", "desktop"), ("browser", "chrome"), ("country", "unknown")];
        Assert.Equal(4, samples.Sum(RumMetrics.PageViews, [.. common, ("outcome", "ok")]));
        Assert.Equal(4, samples.Sum(RumMetrics.Sessions, common));
        Assert.Equal(4, samples.Sum(RumMetrics.ErrorSessions, common));
        Assert.Equal(4, samples.Sum(RumMetrics.JsErrors, [.. common, ("kind", "js")]));
        Assert.Equal(4, samples.Sum(RumMetrics.Transactions, [.. common, ("name", "checkout"), ("outcome", "failure")]));
        Assert.Equal(4, samples.Sum(RumMetrics.ResourceRequests, [.. common, ("party", "third"), ("outcome", "error")]));
        Assert.Equal(4, samples.Sum(RumMetrics.TraceCorrelated, common));
        // LCP 2310.5 ms = 2.3105 s: inside le="2.5", the threshold bucket an LCP SLI reads, and not in le="2".
        Assert.Equal(4, samples.Sum("rum_lcp_seconds_bucket", [.. common, ("le", RumMetrics.FormatLe(2.5))]));
        Assert.Equal(0, samples.Sum("rum_lcp_seconds_bucket", [.. common, ("le", RumMetrics.FormatLe(2))]));
        Assert.Equal(4 * 2.3105, samples.Sum("rum_lcp_seconds_sum", common), 6);
        Assert.Equal(4, samples.Sum("rum_cls_bucket", [.. common, ("le", "0.05")]));
        Assert.Equal(4, samples.Sum("rum_longtask_seconds_count", [.. common, ("party", "third")]));
        Assert.Equal(4, samples.Sum("rum_transaction_duration_seconds_count", [.. common, ("name", "checkout")]));
        Assert.Equal(8, samples.Sum(RumMetrics.EventsReceived));
        Assert.Equal(1, samples.Sum(RumMetrics.Consent, ("state", "granted")));
        Assert.DoesNotContain(samples, s => s.Labels.Values.Any(v => v.Contains("123") || v.Contains("utm")));
    }

    [Fact]
    public async Task Health_and_readiness_answer_once_the_config_is_loaded()
    {
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/readyz")).StatusCode);
    }
}
