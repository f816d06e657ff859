using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace RumOperator.E2E.Tests.Dashboards;

/// <summary>
/// Real beacons (docs/beacon.md) posted to the real collector until disposed: per round one beacon per release, each
/// with every event type the dashboards read. A failing release fails its page loads, LCP, INP and checkouts.
/// Anything but 202 is kept and reported: a dashboard test on silently refused beacons would prove nothing.
/// </summary>
internal sealed class BeaconTraffic : IAsyncDisposable
{
    public sealed record Release(string Name, bool Failing, string UserAgent, string Country);

    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http;
    private readonly Task _loop;
    private readonly List<string> _refused = [];
    private int _accepted;

    private BeaconTraffic(Uri ingest, string app, string key, string origin, IReadOnlyList<Release> releases, IReadOnlyList<string> routes)
    {
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Round);
            var round = 0;
            do
            {
                foreach (var release in releases)
                    await PostAsync(ingest, key, origin, release, Body(app, release, routes[round % routes.Count], round));
                round++;
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled));
        });
    }

    public int Accepted => Volatile.Read(ref _accepted);

    public string Refused { get { lock (_refused) return string.Join("\n", _refused.Take(5)); } }

    public static BeaconTraffic Start(Uri ingest, string app, string key, string origin, IReadOnlyList<Release> releases, IReadOnlyList<string> routes) =>
        new(ingest, app, key, origin, releases, routes);

    private async Task PostAsync(Uri ingest, string key, string origin, Release release, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ingest) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Rum-Key", key);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("CF-IPCountry", release.Country);
        request.Headers.UserAgent.ParseAdd(release.UserAgent);
        try
        {
            using var response = await _http.SendAsync(request, _stop.Token);
            if (response.StatusCode == HttpStatusCode.Accepted) Interlocked.Increment(ref _accepted);
            else
            {
                var problem = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                lock (_refused) _refused.Add(problem);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private static string Body(string app, Release r, string route, int round)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var failing = r.Failing;
        var events = new JsonArray
        {
            new JsonObject { ["type"] = "session_start", ["ts"] = ts },
            new JsonObject { ["type"] = "pageview", ["ts"] = ts, ["outcome"] = failing && round % 2 == 0 ? "error" : "ok", ["status"] = failing && round % 2 == 0 ? 500 : 200 },
            Vital(ts, "LCP", failing ? 5200 : 1200),
            Vital(ts, "INP", failing ? 650 : 80),
            Vital(ts, "CLS", failing ? 0.3 : 0.02),
            Vital(ts, "FCP", 900),
            Vital(ts, "TTFB", 300),
            new JsonObject { ["type"] = "resource", ["ts"] = ts, ["url"] = "https://shop.example.com/app.js", ["initiator"] = "script", ["duration"] = 120.0, ["status"] = 200, ["party"] = "first" },
            new JsonObject { ["type"] = "resource", ["ts"] = ts, ["url"] = "https://cdn.example.net/lib.js", ["initiator"] = "script", ["duration"] = 800.0, ["status"] = 404, ["party"] = "third" },
            new JsonObject { ["type"] = "longtask", ["ts"] = ts, ["duration"] = 84.0, ["party"] = "third" },
            new JsonObject { ["type"] = "longtask", ["ts"] = ts, ["duration"] = 260.0, ["party"] = "first" },
            new JsonObject { ["type"] = "transaction", ["ts"] = ts, ["name"] = "checkout", ["outcome"] = "success", ["duration"] = 1500.0 },
            // An event type a newer SDK might send: counted as dropped (unknown_type), never failed.
            new JsonObject { ["type"] = "future_event", ["ts"] = ts },
        };
        if (failing)
        {
            // One recurring group from the app's own bundle (its own series once seen twice) and a one-off message per
            // beacon, which never earns a slot and counts as __other__: the on-call error groups table shows both.
            events.Add(new JsonObject
            {
                ["type"] = "error", ["ts"] = ts, ["kind"] = "js", ["message"] = "TypeError: cart is undefined",
                ["stack"] = "TypeError: cart is undefined\n    at pay (https://shop.example.com/assets/app-5ZQ2C7HR.js:1:2)\n    at HTMLButtonElement.onClick (https://shop.example.com/assets/app-5ZQ2C7HR.js:1:99)",
                ["firstInSession"] = true, ["groupFirstInSession"] = true,
            });
            events.Add(new JsonObject { ["type"] = "error", ["ts"] = ts, ["kind"] = "js", ["message"] = $"ReferenceError: {OneOffName()} is not defined", ["groupFirstInSession"] = true });
            events.Add(new JsonObject { ["type"] = "transaction", ["ts"] = ts, ["name"] = "checkout", ["outcome"] = "failure", ["duration"] = 5200.0 });
        }
        var beacon = new JsonObject
        {
            ["v"] = 1,
            ["app"] = app,
            ["release"] = r.Name,
            ["sdk"] = new JsonObject { ["name"] = "rum-sdk", ["version"] = "1.0.0" },
            ["session"] = new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["sampleRate"] = 1, ["consent"] = "granted" },
            ["page"] = new JsonObject { ["url"] = $"https://shop.example.com{route}", ["route"] = route },
            ["trace"] = new JsonObject { ["traceparent"] = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01" },
            ["events"] = events,
        };
        return beacon.ToJsonString();
    }

    /// <summary>Letters only (g-v): the message normalizer folds digits and hex ids, so these stay distinct.</summary>
    private static string OneOffName() => string.Concat(Guid.NewGuid().ToByteArray().Take(10).Select(b => (char)('g' + b % 16)));

    private static JsonObject Vital(long ts, string name, double value) =>
        new() { ["type"] = "vital", ["ts"] = ts, ["name"] = name, ["value"] = value, ["id"] = $"v-{Guid.NewGuid():N}" };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _http.Dispose();
        _stop.Dispose();
    }
}
