using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RumCollector.Config;

namespace RumCollector.Tests.Support;

/// <summary>The real collector on a loopback port chosen by the OS (Kestrel, not a test server).</summary>
public sealed class CollectorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CollectorServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<CollectorServer> StartAsync(params string[] args)
    {
        var app = CollectorApp.Build(["--urls", "http://127.0.0.1:0", "--log-format", "text", .. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CollectorServer(app, new Uri(address));
    }

    /// <summary>Starts with a config written as the operator mounts it (file mode).</summary>
    public static Task<CollectorServer> StartMountedAsync(TempDir dir, ConfigSnapshot snapshot, params string[] args) =>
        StartAsync(["--config", TestConfig.WriteMounted(dir.Path, snapshot), .. args]);

    public Task<HttpResponseMessage> PostAsync(string body, string? key = Beacons.Key, string contentType = "application/json",
        string? origin = Beacons.Origin, string userAgent = Beacons.ChromeUa, Action<HttpRequestMessage>? change = null) =>
        PostAsync(Encoding.UTF8.GetBytes(body), key, contentType, origin, userAgent, change);

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? key = Beacons.Key, string contentType = "application/json",
        string? origin = Beacons.Origin, string userAgent = Beacons.ChromeUa, Action<HttpRequestMessage>? change = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rum") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (key is not null) request.Headers.Add("X-Rum-Key", key);
        if (origin is not null) request.Headers.Add("Origin", origin);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        change?.Invoke(request);
        return Http.SendAsync(request);
    }

    public async Task<IReadOnlyList<Sample>> MetricsAsync() => MetricsText.Parse(await Http.GetStringAsync("/metrics"));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
