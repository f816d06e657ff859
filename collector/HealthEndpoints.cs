using RumCollector.Config;

namespace RumCollector;

/// <summary>Liveness, readiness (a config is loaded) and the Prometheus scrape endpoint.</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (StateHolder holder) => holder.Ready ? Results.Text("ready") : Results.Text("no config loaded", statusCode: 503));
        app.MapGet("/metrics", async (HttpContext http, StateHolder holder) =>
        {
            if (holder.Current is not { } state) { http.Response.StatusCode = 503; return; }
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await state.Metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, http.RequestAborted);
        });
    }
}
