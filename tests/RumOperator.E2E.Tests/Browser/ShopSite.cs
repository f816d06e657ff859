using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RumOperator.LocalStack;

namespace RumOperator.E2E.Tests.Browser;

/// <summary>
/// The shop the browser visits, served by Kestrel in this process on a random loopback port: HTML
/// pages that load the SDK's script-tag build from sdk/dist and init it against the collector.
/// </summary>
internal sealed class ShopSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ShopSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The Faro-instrumented test page's script: @grafana/faro-web-sdk from npm, bundled by scripts/faro-page-build.sh.</summary>
    private static string FaroPageBundle =>
        Path.Combine(SourceTree.Root, "tests", "RumOperator.E2E.Tests", "Browser", "Faro", "page", "dist", "faro-page.js");

    /// <param name="bundle">The folder of the esbuild-minified checkout and its source map (<see cref="MinifiedBundle"/>).</param>
    public static async Task<ShopSite> StartAsync(Uri ingestUrl, string bundle)
    {
        if (!File.Exists(SourceTree.SdkBundle))
            throw new InvalidOperationException($"{SourceTree.SdkBundle} is missing: run scripts/sdk-build.sh first");
        var pages = Path.Combine(AppContext.BaseDirectory, "Browser", "Site");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        IResult Page(string file) => Results.File(Path.Combine(pages, file), "text/html; charset=utf-8");
        app.MapGet("/static/rum.min.js", () => Results.File(SourceTree.SdkBundle, "text/javascript"));
        app.MapGet("/rum-init.js", () => Results.Text(InitScript(ingestUrl), "text/javascript"));
        app.MapGet("/", () => Page("shop.html"));
        app.MapGet("/product/{id}", (string id) => Page("shop.html"));
        app.MapGet("/fail/throw", () => Page("throw.html"));
        app.MapGet("/fail/missing-script", () => Page("missing-script.html"));
        app.MapGet("/fail/minified", (HttpRequest request) => Results.Content(
            File.ReadAllText(Path.Combine(pages, "minified.html")).Replace("{{bundleOrigin}}", BundleOrigin(request.Host.Port ?? 80).ToString().TrimEnd('/')),
            "text/html; charset=utf-8"));
        app.MapGet("/static/app/{file}", (string file, HttpContext http) =>
        {
            if (file is not (MinifiedBundle.Script or MinifiedBundle.Script + ".map")) return Results.NotFound();
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.File(Path.Combine(bundle, file), file.EndsWith(".map", StringComparison.Ordinal) ? "application/json" : "text/javascript");
        });
        app.MapGet("/faro/{page}", (string page) => Page("faro.html"));
        app.MapGet("/static/faro-page.js", () => File.Exists(FaroPageBundle)
            ? Results.File(FaroPageBundle, "text/javascript")
            : Results.Problem($"{FaroPageBundle} is missing: run scripts/faro-page-build.sh"));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ShopSite(app, new Uri(address));
    }

    /// <summary>
    /// Where the minified checkout is loaded from: the same server under the name localhost, so the page
    /// (on 127.0.0.1) sees it as another origin, like an app's CDN. Stacks keep this host: the collector
    /// redacts IP addresses in free text, stacks included.
    /// </summary>
    public static Uri BundleOrigin(int port) => new($"http://localhost:{port}/");

    /// <summary>
    /// The app's init call. A test sets <c>window.__rumTest</c> (release, sampling, consent) before the
    /// page loads; its fields win over the shop's defaults.
    /// </summary>
    public static string InitScript(Uri ingestUrl)
    {
        var defaults = JsonSerializer.Serialize(new
        {
            endpoint = ingestUrl.ToString(),
            key = ShopApp.Key,
            app = ShopApp.Name,
            routes = ShopApp.Routes,
            flushInterval = ShopApp.FlushIntervalMs,
        });
        return $"rum.init(Object.assign({defaults}, window.__rumTest));\n";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
