using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace RumOperator.E2E.Tests;

/// <summary>A release's share of the traffic: page views per tick (a fraction spreads them over ticks) and the fraction that fail.</summary>
/// <param name="JsError">A JavaScript error message every beacon of the release also reports, from the app's own bundle.</param>
internal sealed record ReleaseLoad(string Release, double ViewsPerTick, double ErrorRatio, string? JsError = null);

/// <summary>
/// Real beacons (docs/beacon.md) posted to the real collector every tick until disposed: page views with an outcome
/// and an LCP each, per release, from a desktop Chrome. <see cref="SetErrorRatio"/> makes a release start (or stop)
/// failing from the next tick on.
/// </summary>
internal sealed class ReleaseTraffic : IAsyncDisposable
{
    private const string ChromeUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Dictionary<string, double> _errorRatios;
    private long _accepted;
    private string? _lastFailure;

    private ReleaseTraffic(Uri ingest, string key, string origin, string app, IReadOnlyList<ReleaseLoad> loads, TimeSpan tick)
    {
        _errorRatios = loads.ToDictionary(l => l.Release, l => l.ErrorRatio);
        _loop = Task.Run(() => LoopAsync(ingest, key, origin, app, loads, tick));
    }

    public long Accepted => Interlocked.Read(ref _accepted);
    public string? LastFailure => _lastFailure;

    public void SetErrorRatio(string release, double ratio)
    {
        lock (_errorRatios) _errorRatios[release] = ratio;
    }

    public static ReleaseTraffic Start(Uri ingest, string key, string origin, string app, IReadOnlyList<ReleaseLoad> loads, TimeSpan tick) =>
        new(ingest, key, origin, app, loads, tick);

    private async Task LoopAsync(Uri ingest, string key, string origin, string app, IReadOnlyList<ReleaseLoad> loads, TimeSpan tick)
    {
        var sent = new Dictionary<string, long>();
        using var timer = new PeriodicTimer(tick);
        var ticks = 0L;
        do
        {
            ticks++;
            foreach (var load in loads)
            {
                var done = sent.GetValueOrDefault(load.Release);
                var views = (long)Math.Floor(ticks * load.ViewsPerTick) - done;
                double ratio;
                lock (_errorRatios) ratio = _errorRatios[load.Release];
                var events = new JsonArray();
                for (var i = 0; i < views; i++)
                {
                    // Deterministic failures: the n-th view fails when the running error count falls behind the ratio.
                    var n = done + i;
                    var fails = Math.Floor((n + 1) * ratio) > Math.Floor(n * ratio);
                    var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    events.Add(new JsonObject { ["type"] = "pageview", ["ts"] = ts, ["outcome"] = fails ? "error" : "ok", ["navigationType"] = "navigate", ["status"] = fails ? 500 : 200 });
                    events.Add(new JsonObject { ["type"] = "vital", ["ts"] = ts, ["name"] = "LCP", ["value"] = fails ? 4200.0 : 1300.0, ["rating"] = fails ? "poor" : "good", ["id"] = $"v-{load.Release}-{n}" });
                }
                if (load.JsError is { } message)
                    events.Add(new JsonObject
                    {
                        ["type"] = "error", ["ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["kind"] = "js", ["message"] = message,
                        ["stack"] = $"{message}\n    at placeOrder ({origin}/assets/checkout-5ZQ2C7HR.js:1:2)", ["firstInSession"] = true, ["groupFirstInSession"] = true,
                    });
                sent[load.Release] = done + views;
                if (events.Count == 0) continue;
                await PostAsync(ingest, key, origin, new JsonObject
                {
                    ["v"] = 1, ["app"] = app, ["release"] = load.Release,
                    ["sdk"] = new JsonObject { ["name"] = "rum-sdk", ["version"] = "1.0.0" },
                    ["session"] = new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["sampleRate"] = 1, ["consent"] = "granted" },
                    ["page"] = new JsonObject { ["url"] = origin + "/checkout", ["route"] = "/checkout" },
                    ["events"] = events,
                });
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result));
    }

    private async Task PostAsync(Uri ingest, string key, string origin, JsonObject beacon)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ingest) { Content = new StringContent(beacon.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Rum-Key", key);
        request.Headers.Add("Origin", origin);
        request.Headers.TryAddWithoutValidation("User-Agent", ChromeUserAgent);
        try
        {
            using var response = await _http.SendAsync(request, _stop.Token);
            if ((int)response.StatusCode == 202) Interlocked.Increment(ref _accepted);
            else _lastFailure = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { _lastFailure = e.Message; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        _http.Dispose();
        _stop.Dispose();
    }
}
