using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RumOperator.Controllers;
using RumOperator.SloConsole.Data;
using RumOperator.SloConsole.Views;
using RumOperator.PrometheusApi;

namespace RumOperator.SloConsole;

/// <summary>
/// The read-only console: GET only, HTML with inline SVG and no script. Every view is a URL: / (list, filters in the
/// query), /slos/{namespace}/{name} (detail), /errors (error groups, app, release and range in the query), /pipelines. Other methods get 405 from routing.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>
    /// Registers the console's data: the operator's informer caches (through a controller extension) and Prometheus
    /// behind a <see cref="QueryCache"/>. Pass <paramref name="objects"/> to read other caches, <paramref name="prometheus"/>
    /// to use another client; without one the figures show "no data".
    /// </summary>
    public static IServiceCollection AddConsole(this IServiceCollection services, ConsoleOptions options, IConsoleObjects? objects = null,
        IPrometheusQuery? prometheus = null)
    {
        if (objects is null)
        {
            services.TryAddSingleton<InformerConsoleObjects>();
            services.AddSingleton<IControllerExtension>(sp => sp.GetRequiredService<InformerConsoleObjects>());
            services.TryAddSingleton<IConsoleObjects>(sp => sp.GetRequiredService<InformerConsoleObjects>());
        }
        else services.AddSingleton(objects);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var query = prometheus ?? sp.GetService<IPrometheusQuery>();
            return new QueryCache(query, query as IPrometheusRangeQuery, sp.GetRequiredService<TimeProvider>(), options.CacheTtl);
        });
        services.AddSingleton<ConsoleData>();
        services.AddSingleton(options);
        return services;
    }

    /// <summary>
    /// Maps the console on its own port: requests that arrived on other ports get 404. The connection's port decides,
    /// not the Host header, which names the proxy's or port-forward's address.
    /// </summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app, int port)
    {
        var group = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.LocalPort == port ? await next(context) : Results.NotFound());
        group.MapGet("/", async (HttpContext http, ConsoleData data) =>
        {
            var filter = ListFilter.From(http.Request.Query);
            return Page(ListPage.Render(await data.ListAsync(filter, http.RequestAborted), filter));
        });
        group.MapGet("/slos/{ns}/{name}", async (string ns, string name, HttpContext http, ConsoleData data) =>
            await data.DetailAsync(ns, name, http.Request.Query["range"].FirstOrDefault(), http.RequestAborted) is { } detail
                ? Page(DetailPage.Render(detail))
                : Page(Layout.Page("Not found", "/", $"<h1>No RumSLO {Html.E(ns)}/{Html.E(name)}</h1><p><a href=\"/\">All SLOs</a></p>"), StatusCodes.Status404NotFound));
        group.MapGet(ErrorsPage.Path, async (HttpContext http, ConsoleData data) =>
            Page(ErrorsPage.Render(await data.ErrorGroupsAsync(ErrorFilter.From(http.Request.Query), http.RequestAborted))));
        group.MapGet("/pipelines", async (HttpContext http, ConsoleData data) => Page(PipelinesPage.Render(await data.PipelinesAsync(http.RequestAborted))));
        return app;
    }

    /// <summary>No script, no frame, nothing from elsewhere: the page says so itself, whatever proxy sits in front.</summary>
    private static IResult Page(string html, int status = StatusCodes.Status200OK) => new HtmlPage(html, status);

    private sealed class HtmlPage(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            return http.Response.WriteAsync(html, Encoding.UTF8, http.RequestAborted);
        }
    }
}
