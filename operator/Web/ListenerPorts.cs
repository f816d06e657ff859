using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RumOperator.Web;

/// <summary>The listener an endpoint is served on, as endpoint metadata.</summary>
public sealed record ListenerPort(int Port);

/// <summary>
/// Endpoints bound to a listener by the port the connection arrived on, not by the Host header (which the client
/// writes: "Host: x:8080" sent to the health port would otherwise reach /metrics).
/// </summary>
public static class ListenerPorts
{
    public static TBuilder RequireListenerPort<TBuilder>(this TBuilder builder, int port) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ListenerPort(port));

    /// <summary>Answers 404 for an endpoint reached on another listener; add after routing (WebApplication routes first).</summary>
    public static IApplicationBuilder UseListenerPorts(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ListenerPort>() is { } listener && context.Connection.LocalPort != listener.Port)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context).ConfigureAwait(false);
        });
}
