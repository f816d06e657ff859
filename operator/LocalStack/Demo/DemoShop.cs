using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RumOperator.LocalStack.Demo;

/// <summary>The app the demo shop reports as, and how it reaches the collector.</summary>
public sealed record ShopApp(string Name, string Key, Uri IngestUrl, IReadOnlyList<string> Routes);

/// <summary>
/// The demo shop on loopback: pages that load the real SDK bundle and report as the SLOs' app. The release a page
/// runs is the one the demo Deployment runs right now, so a rollback is visible to the next page view. The failing
/// release paints its checkout hero late, a real LCP regression that Chromium measures. Opening <c>/drive</c>
/// makes a browser walk the shop by itself (home, product, cart, checkout, again).
/// </summary>
public sealed class DemoShop : IAsyncDisposable
{
    /// <summary>How late the failing release paints its checkout hero: above the examples' 2.5 s LCP threshold.</summary>
    public static readonly TimeSpan SlowHero = TimeSpan.FromMilliseconds(3500);

    private readonly WebApplication _app;

    private DemoShop(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<DemoShop> StartAsync(int port, ShopApp app, Func<string?> currentRelease, DemoReleases releases, string sdkBundle)
    {
        if (!File.Exists(sdkBundle)) throw new FileNotFoundException($"{sdkBundle} is missing: run `bash scripts/sdk-build.sh`", sdkBundle);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var web = builder.Build();

        IResult Page(HttpContext context)
        {
            var release = currentRelease() ?? releases.Stable;
            var slow = release == releases.Failing && context.Request.Path.StartsWithSegments("/checkout");
            return Results.Content(ShopPage.Html(app, release, context.Request.Path.Value ?? "/", slow ? SlowHero : TimeSpan.Zero), "text/html; charset=utf-8");
        }

        web.MapGet("/static/rum.min.js", () => Results.File(sdkBundle, "text/javascript"));
        web.MapGet("/drive", () => Results.Content(ShopPage.Drive, "text/html; charset=utf-8"));
        web.MapGet("/", Page);
        web.MapGet("/product/{id}", Page);
        web.MapGet("/cart", Page);
        web.MapGet("/checkout", Page);
        await web.StartAsync().ConfigureAwait(false);
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoShop(web, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The shop's HTML (pure).</summary>
public static class ShopPage
{
    /// <summary>Sets the walking flag for this tab (sessionStorage, so no URL carries it) and starts at home.</summary>
    public const string Drive = """
        <!doctype html><meta charset="utf-8"><title>drive</title>
        <script>sessionStorage.setItem('rumDemoDrive', '1'); location.replace('/');</script>
        """;

    public static string Html(ShopApp app, string release, string path, TimeSpan heroDelay)
    {
        var init = JsonSerializer.Serialize(new
        {
            endpoint = app.IngestUrl.ToString(), key = app.Key, app = app.Name, release, routes = app.Routes, flushInterval = 1000,
        });
        var title = path switch { "/" => "Home", "/cart" => "Cart", "/checkout" => "Checkout", _ => "Product" };
        // Walk order; the dwell outlasts the hero so its paint is the page's LCP.
        var dwell = (int)(heroDelay.TotalMilliseconds + 1500);
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{title}} · RUM demo shop</title>
              <link rel="icon" href="data:,">
              <script src="/static/rum.min.js"></script>
              <script>rum.init({{init}});</script>
              <style>
                body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
                header { background: #1d2330; color: #fff; padding: 12px 24px; display: flex; gap: 24px; align-items: center; }
                header a { color: #cfe1ff; }
                .release { margin-left: auto; font-family: ui-monospace, monospace; background: #33405a; padding: 2px 8px; border-radius: 4px; }
                main { padding: 24px; max-width: 860px; }
                .hero { min-height: 220px; border-radius: 8px; background: linear-gradient(135deg, #3d7bfd, #7b4dff); color: #fff; padding: 32px; }
                .hero h1 { font-size: 44px; margin: 0 0 8px; }
              </style>
            </head>
            <body>
              <header>
                <strong>RUM demo shop</strong>
                <a href="/">Home</a><a href="/product/42">Product</a><a href="/cart">Cart</a><a href="/checkout">Checkout</a>
                <span class="release" title="release of the demo Deployment">release {{release}}</span>
              </header>
              <main>
                <p>{{title}} page. The SDK reports this view, its Web Vitals and errors to the collector.</p>
                <div id="hero"></div>
              </main>
              <script>
                const paint = () => { document.getElementById('hero').innerHTML =
                  '<div class="hero"><h1>{{title}}</h1><p>Everything you need, delivered by release {{release}}.</p></div>'; };
                const delay = {{(int)heroDelay.TotalMilliseconds}};
                if (delay > 0) setTimeout(paint, delay); else paint();
                if (sessionStorage.getItem('rumDemoDrive') === '1') {
                  const walk = ['/', '/product/' + (1 + Math.floor(Math.random() * 99)), '/cart', '/checkout'];
                  const next = walk[(walk.findIndex(p => p.split('/')[1] === location.pathname.split('/')[1]) + 1) % walk.length];
                  setTimeout(() => location.assign(next), {{dwell}});
                }
              </script>
            </body>
            </html>
            """;
    }
}
