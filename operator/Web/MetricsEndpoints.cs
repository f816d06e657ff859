using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace RumOperator.Web;

/// <summary>/metrics in the Prometheus text format: the runtime's rum_operator_* metrics and the process metrics.</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapOperatorMetrics(this IEndpointRouteBuilder app, int port)
    {
        app.MapMetrics("/metrics").RequireListenerPort(port);
        return app;
    }
}
