using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace RumOperator.LocalStack.Demo;

/// <summary>
/// Volume for the demo: real beacons (format v1, docs/beacon.md) posted to the collector at a steady rate, each one
/// a page view with its LCP, from the releases <see cref="TrafficMix"/> says users run. A slow release's checkout
/// LCP is above the threshold; every other LCP is below it. Answers are counted by status.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    /// <summary>Half the views are checkouts, the examples' guarded route.</summary>
    private static readonly string[] Routes = ["/", "/product/42", "/cart", "/checkout", "/checkout", "/checkout"];
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random = new(42);
    private readonly Dictionary<string, long> _answers = [];
    private Task? _loop;

    public LoadGenerator(ShopApp app, string shopOrigin, Func<IReadOnlyList<ReleaseShare>> mix, double beaconsPerSecond)
    {
        App = app;
        ShopOrigin = shopOrigin;
        Mix = mix;
        BeaconsPerSecond = beaconsPerSecond;
    }

    public ShopApp App { get; }
    public string ShopOrigin { get; }
    public Func<IReadOnlyList<ReleaseShare>> Mix { get; }
    public double BeaconsPerSecond { get; }

    /// <summary>Answers so far by HTTP status (or the exception's type).</summary>
    public IReadOnlyDictionary<string, long> Answers { get { lock (_answers) return new Dictionary<string, long>(_answers); } }

    public void Start() => _loop ??= RunAsync(_stop.Token);

    private async Task RunAsync(CancellationToken ct)
    {
        const int ticksPerSecond = 10;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / ticksPerSecond));
        var owed = 0.0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                owed += BeaconsPerSecond / ticksPerSecond;
                var sends = new List<Task>();
                for (; owed >= 1; owed--) sends.Add(SendAsync(ct));
                await Task.WhenAll(sends).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        var (share, route, lcpMs) = Draw();
        using var request = new HttpRequestMessage(HttpMethod.Post, App.IngestUrl)
        {
            Content = new StringContent(Beacon(share.Release, route, lcpMs), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Rum-Key", App.Key);
        request.Headers.Add("Origin", ShopOrigin);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Add("X-Forwarded-For", SyntheticClient());
        string answer;
        try
        {
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            answer = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            answer = e.GetType().Name;
        }
        lock (_answers) _answers[answer] = _answers.GetValueOrDefault(answer) + 1;
    }

    /// <summary>A browser's address in 198.18.0.0/15 (reserved for benchmarks), so each has its own per-client bucket.</summary>
    private string SyntheticClient()
    {
        lock (_random) return $"198.{18 + _random.Next(2)}.{_random.Next(256)}.{_random.Next(1, 255)}";
    }

    private (ReleaseShare Share, string Route, double LcpMs) Draw()
    {
        lock (_random)
        {
            var share = TrafficMix.Pick(Mix(), _random.NextDouble());
            var route = Routes[_random.Next(Routes.Length)];
            var slow = share.Slow && route == "/checkout";
            var lcp = slow ? 3500 + _random.NextDouble() * 1500 : 900 + _random.NextDouble() * 900;
            return (share, route, lcp);
        }
    }

    private string Beacon(string release, string route, double lcpMs)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new JsonObject
        {
            ["v"] = 1,
            ["app"] = App.Name,
            ["release"] = release,
            ["sdk"] = new JsonObject { ["name"] = "rum-demo-load", ["version"] = "1.0.0" },
            ["session"] = new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["sampleRate"] = 1, ["consent"] = "granted" },
            ["page"] = new JsonObject { ["url"] = ShopOrigin + route },
            ["events"] = new JsonArray(
                new JsonObject { ["type"] = "pageview", ["ts"] = now, ["outcome"] = "ok", ["navigationType"] = "navigate", ["status"] = (int)HttpStatusCode.OK },
                new JsonObject { ["type"] = "vital", ["ts"] = now + (long)lcpMs, ["name"] = "LCP", ["value"] = Math.Round(lcpMs, 1), ["rating"] = lcpMs <= 2500 ? "good" : "poor" }),
        }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _http.Dispose();
    }
}
