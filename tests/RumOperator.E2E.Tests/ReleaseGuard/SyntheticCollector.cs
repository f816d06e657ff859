using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RumOperator.Metrics;

namespace RumOperator.E2E.Tests.ReleaseGuard;

/// <summary>One release's synthetic traffic: page views per second and the share that fails, before and after it starts failing.</summary>
internal sealed record ReleaseTraffic(string Release, double ViewsPerSecond, double ErrorRatio, double FailingErrorRatio);

/// <summary>
/// Serves the collector's page-view counters (rum_page_views_total by release and outcome) as Prometheus text,
/// computed from elapsed time, so a scrape every second sees steady rates; <see cref="StartFailing"/> switches a
/// release to its failing error ratio from now on.
/// </summary>
internal sealed class SyntheticCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<ReleaseTraffic> _releases;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _failingSince = [];

    private SyntheticCollector(WebApplication app, IReadOnlyList<ReleaseTraffic> releases, int port)
    {
        _app = app;
        _releases = releases;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SyntheticCollector> StartAsync(IReadOnlyList<ReleaseTraffic> releases)
    {
        var port = Loopback.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var collector = new SyntheticCollector(app, releases, port);
        app.MapGet("/metrics", () => Results.Text(collector.Exposition(), "text/plain; version=0.0.4"));
        await app.StartAsync();
        return collector;
    }

    public void StartFailing(string release)
    {
        lock (_failingSince) _failingSince[release] = _clock.Elapsed.TotalSeconds;
    }

    private string Exposition()
    {
        var t = _clock.Elapsed.TotalSeconds;
        var text = new StringBuilder($"# TYPE {RumMetrics.PageViews} counter\n");
        foreach (var r in _releases)
        {
            double since;
            lock (_failingSince) since = _failingSince.GetValueOrDefault(r.Release, t);
            var views = r.ViewsPerSecond * t;
            var errors = r.ViewsPerSecond * (r.ErrorRatio * since + r.FailingErrorRatio * (t - since));
            Line(text, r.Release, RumMetrics.OutcomeOk, views - errors);
            Line(text, r.Release, RumMetrics.OutcomeError, errors);
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string release, string outcome, double value) =>
        text.Append(CultureInfo.InvariantCulture,
            $"{RumMetrics.PageViews}{{namespace=\"shop\",app=\"storefront\",release=\"{release}\",outcome=\"{outcome}\"}} {value.ToString("R", CultureInfo.InvariantCulture)}\n");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
