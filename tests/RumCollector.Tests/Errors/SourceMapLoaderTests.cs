using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using RumCollector.Errors.SourceMaps;
using RumCollector.Tests.Support;
using RumOperator.CollectorConfig;

namespace RumCollector.Tests.Errors;

/// <summary>The loader against a real HTTP server on loopback: what it fetches, from where, and what it refuses.</summary>
public sealed class SourceMapLoaderTests : IAsyncLifetime
{
    private WebApplication? _site;
    private int _requests;
    private Uri Site { get; set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) => { Interlocked.Increment(ref _requests); await next(context); });
        app.MapGet("/app.js", () => Results.Text("var n=1;\n//# sourceMappingURL=maps/app.js.map\n", "text/javascript"));
        app.MapGet("/maps/app.js.map", () => Results.Text(SourceMapTests.MozillaMap, "application/json"));
        app.MapGet("/header.js", (HttpContext c) => { c.Response.Headers["SourceMap"] = "/maps/app.js.map"; return Results.Text("var n=1;", "text/javascript"); });
        app.MapGet("/inline.js", () => Results.Text("var n=1;\n//# sourceMappingURL=data:application/json;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(SourceMapTests.MozillaMap)), "text/javascript"));
        app.MapGet("/elsewhere.js", () => Results.Text("//# sourceMappingURL=https://evil.example/steal.map", "text/javascript"));
        app.MapGet("/redirect.js", () => Results.Redirect("https://evil.example/app.js"));
        app.MapGet("/nomap.js", () => Results.Text("var n=1;", "text/javascript"));
        app.MapGet("/big.js", () => Results.Text(new string('x', 10_000) + "\n//# sourceMappingURL=app.js.map", "text/javascript"));
        app.MapGet("/bad.js", () => Results.Text("//# sourceMappingURL=bad.js.map", "text/javascript"));
        app.MapGet("/bad.js.map", () => Results.Text("""{"version":3,"sources":["a.js"],"names":[],"mappings":"A!"}""", "application/json"));
        await app.StartAsync();
        Site = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _site = app;
    }

    public async Task DisposeAsync()
    {
        if (_site is not null) await _site.DisposeAsync();
    }

    private CollectorSourceMaps Settings(Action<CollectorSourceMaps>? change = null)
    {
        var settings = new CollectorSourceMaps { Download = true, Origins = [Site.GetLeftPart(UriPartial.Authority)], MaxMapBytes = 4096 };
        change?.Invoke(settings);
        return settings;
    }

    private async Task<(SourceMap Map, string Source)> Load(string path, CollectorSourceMaps? settings = null)
    {
        using var loader = new SourceMapLoader();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await loader.LoadAsync(new Uri(Site, path).ToString(), settings ?? Settings(), timeout.Token);
    }

    private async Task<string> Failure(string path, CollectorSourceMaps? settings = null) =>
        (await Assert.ThrowsAsync<SourceMapLoadException>(() => Load(path, settings))).Reason;

    [Theory]
    [InlineData("/app.js")]
    [InlineData("/header.js")]
    [InlineData("/inline.js")]
    public async Task A_map_named_by_comment_header_or_data_url_is_downloaded(string path)
    {
        var (map, source) = await Load(path);
        Assert.Equal("download", source);
        Assert.Equal(["/the/root/one.js", "/the/root/two.js"], map.Sources);
    }

    [Fact]
    public async Task Nothing_is_fetched_from_an_origin_that_is_not_listed()
    {
        Assert.Equal(SourceMapFailure.OriginNotAllowed, await Failure("/app.js", Settings(s => s.Origins = ["https://cdn.shop.example"])));
        Assert.Equal(0, _requests);
    }

    [Fact]
    public async Task A_map_on_another_origin_is_refused() => Assert.Equal(SourceMapFailure.OriginNotAllowed, await Failure("/elsewhere.js"));

    [Fact]
    public async Task Redirects_are_not_followed() => Assert.Equal(SourceMapFailure.HttpError, await Failure("/redirect.js"));

    [Fact]
    public async Task Scripts_larger_than_the_bound_are_not_read() => Assert.Equal(SourceMapFailure.TooLarge, await Failure("/big.js"));

    [Fact]
    public async Task A_script_without_a_reference_has_no_map() => Assert.Equal(SourceMapFailure.NoReference, await Failure("/nomap.js"));

    [Fact]
    public async Task An_invalid_map_is_a_counted_failure() => Assert.Equal(SourceMapFailure.Invalid, await Failure("/bad.js"));

    [Fact]
    public async Task Downloads_off_and_no_directory_means_not_found() =>
        Assert.Equal(SourceMapFailure.NotFound, await Failure("/app.js", Settings(s => s.Download = false)));

    [Fact]
    public async Task The_mounted_directory_is_read_first_and_never_left()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "assets"));
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "assets", "app.js.map"), SourceMapTests.MozillaMap);

        var (map, source) = await Load("/assets/app.js", Settings(s => { s.Directory = dir.Path; s.Download = false; }));

        Assert.Equal("directory", source);
        Assert.Equal(2, map.Sources.Count);
        Assert.Equal(0, _requests);
        // Dot segments are resolved by the URL parser first; escaped slashes are not, so they must be caught here.
        Assert.StartsWith(dir.Path + "/", SourceMapLoader.MapFile(dir.Path, new Uri("https://shop.example/%2e%2e/%2e%2e/etc/passwd")));
        Assert.Null(SourceMapLoader.MapFile(dir.Path, new Uri("https://shop.example/..%2f..%2fetc%2fpasswd")));
        Assert.Equal(Path.Combine(dir.Path, "a", "b.js.map"), SourceMapLoader.MapFile(dir.Path, new Uri("https://shop.example/x/../a/b.js")));
    }
}

/// <summary>The cache: bounded in bytes, one queued load per script, failures remembered for a while.</summary>
public sealed class SourceMapStoreTests
{
    private static readonly CollectorSourceMaps Settings = new() { Download = true, Origins = ["https://shop.example.com"] };
    private static SourceMap Map() => SourceMap.Parse(Encoding.UTF8.GetBytes(SourceMapTests.MozillaMap));
    private static SourceMapCounters Counters() => new(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));

    [Fact]
    public void A_miss_queues_one_load_and_answers_at_once()
    {
        var store = new SourceMapStore(new FakeTimeProvider());
        var counters = Counters();

        Assert.Null(store.TryGet("https://shop.example.com/app.js?v=1", Settings, counters));
        Assert.Null(store.TryGet("https://shop.example.com/app.js", Settings, counters));

        Assert.True(store.Requests.TryRead(out var request));
        Assert.Equal("https://shop.example.com/app.js", request.ScriptUrl);
        Assert.False(store.Requests.TryRead(out _));
        Assert.Equal(2, counters.Misses.Value);
        Assert.True(store.Store(request.ScriptUrl, Map(), Settings.MaxCacheBytes));
        Assert.NotNull(store.TryGet("https://shop.example.com/app.js", Settings, counters));
        Assert.Equal(1, counters.Hits.Value);
    }

    [Fact]
    public void The_least_recently_used_map_leaves_when_the_bytes_run_out()
    {
        var store = new SourceMapStore(new FakeTimeProvider());
        var counters = Counters();
        var map = Map();
        var bound = map.Bytes * 2;

        store.Store("https://shop.example.com/a.js", map, bound);
        store.Store("https://shop.example.com/b.js", Map(), bound);
        Assert.NotNull(store.TryGet("https://shop.example.com/a.js", Settings, counters)); // a is now the most recent
        store.Store("https://shop.example.com/c.js", Map(), bound);

        Assert.True(store.Bytes <= bound);
        Assert.NotNull(store.TryGet("https://shop.example.com/a.js", Settings, counters));
        Assert.Null(store.TryGet("https://shop.example.com/b.js", Settings, counters));
        Assert.False(store.Store("https://shop.example.com/huge.js", Map(), map.Bytes - 1));
    }

    [Fact]
    public void A_failure_is_remembered_until_the_retry_time()
    {
        var time = new FakeTimeProvider();
        var store = new SourceMapStore(time);
        var counters = Counters();
        const string url = "https://shop.example.com/app.js";

        store.TryGet(url, Settings, counters);
        store.Requests.TryRead(out _);
        store.Fail(url);
        store.TryGet(url, Settings, counters);
        Assert.False(store.Requests.TryRead(out _));

        time.Advance(SourceMapStore.RetryAfter + TimeSpan.FromSeconds(1));
        store.TryGet(url, Settings, counters);
        Assert.True(store.Requests.TryRead(out _));
    }

    [Fact]
    public void A_flood_of_scripts_cannot_grow_the_queue_past_its_bound()
    {
        var store = new SourceMapStore(new FakeTimeProvider());
        var counters = Counters();
        for (var i = 0; i < SourceMapStore.MaxQueued + 50; i++) store.TryGet($"https://shop.example.com/s{i}.js", Settings, counters);

        var queued = 0;
        while (store.Requests.TryRead(out _)) queued++;
        Assert.Equal(SourceMapStore.MaxQueued, queued);
        Assert.Equal(50, counters.Failures.WithLabels(SourceMapFailure.QueueFull).Value);
    }
}
