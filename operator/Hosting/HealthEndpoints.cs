using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RumOperator.Runtime.Hosting;
using RumOperator.Web;

namespace RumOperator.Hosting;

/// <summary>
/// /healthz: the process works (the manager has not died). /readyz: the caches have synced; a standby replica under
/// leader election is ready too, since it has warm caches and takes over as soon as it holds the Lease.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app, int port)
    {
        app.MapGet("/healthz", (ManagerService service) => service.Failed
            ? Results.Text("controller manager stopped", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok")).RequireListenerPort(port);
        app.MapGet("/readyz", (ControllerManager manager) => manager.IsSynced
            ? Results.Text("ok")
            : Results.Text("informer caches not synced yet", statusCode: StatusCodes.Status503ServiceUnavailable)).RequireListenerPort(port);
        return app;
    }
}
