using RumOperator.Runtime.Client;

namespace RumOperator.Controllers;

/// <summary>Which optional CRDs the cluster serves, found by discovery before the controllers are declared.</summary>
public sealed record ServedCrds(bool ServiceMonitors, bool PrometheusRules, bool GrafanaDashboards = false, bool AnalysisTemplates = false, bool MetricTemplates = false)
{
    public static async Task<ServedCrds> DiscoverAsync(IClusterClient client, CancellationToken ct) =>
        new(await client.IsServedAsync(KindRef.ServiceMonitor, ct).ConfigureAwait(false),
            await client.IsServedAsync(KindRef.PrometheusRule, ct).ConfigureAwait(false),
            await client.IsServedAsync(KindRef.GrafanaDashboard, ct).ConfigureAwait(false),
            await client.IsServedAsync(KindRef.AnalysisTemplate, ct).ConfigureAwait(false),
            await client.IsServedAsync(KindRef.MetricTemplate, ct).ConfigureAwait(false));

    public bool Serves(KindRef kind) =>
        kind == KindRef.ServiceMonitor ? ServiceMonitors
        : kind == KindRef.PrometheusRule ? PrometheusRules
        : kind == KindRef.GrafanaDashboard ? GrafanaDashboards
        : kind == KindRef.AnalysisTemplate ? AnalysisTemplates
        : kind == KindRef.MetricTemplate ? MetricTemplates
        : true;
}
