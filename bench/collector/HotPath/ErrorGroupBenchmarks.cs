using System.Net;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using RumCollector.Config;
using RumCollector.Errors;
using RumCollector.Errors.SourceMaps;
using RumCollector.Ingest;
using RumCollector.Metrics;
using RumCollector.Privacy;

namespace RumCollector.Bench;

/// <summary>
/// What error grouping adds per error event (docs/errors.md), side by side in one run: a beacon of 20
/// errors with 4-frame Chromium stacks through parse + privacy (the baseline), then + the error-group
/// stage without source maps, then + the stage with every map cached (symbolication on cache hits).
/// </summary>
[MemoryDiagnoser]
public class ErrorGroupBenchmarks
{
    private const int Errors = 20;
    private const string Script = "https://shop.example.com/assets/app-5ZQ2C7HR.js";
    private const string ChromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private byte[] _body = [];
    private CollectorState _state = null!;
    private SourceMapStore _cached = null!;
    private string[] _common = [];

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = ManifestConfigLoader.Load(Path.Combine(AppContext.BaseDirectory, "pipeline.yaml"), null);
        snapshot.Config.Errors.SourceMaps = new() { Download = true, Origins = ["https://shop.example.com"] };
        _state = new StateHolder(TimeProvider.System, NullLogger<StateHolder>.Instance).Apply(snapshot);
        var events = Enumerable.Range(0, Errors).Select(i => JsonSerializer.Serialize(new
        {
            type = "error", ts = 1764070003000, kind = "js", message = $"TypeError: Cannot read properties of undefined (reading 'item{i % 4}')",
            stack = $"TypeError: x\n    at n ({Script}:1:{29 + i % 3})\n    at t ({Script}:2:21)\n    at HTMLButtonElement.onclick ({Script}:1:5)\n    at https://cdn.tracker.example.net/a.js:1:99",
        }));
        _body = Encoding.UTF8.GetBytes($$"""{"v":1,"app":"storefront","release":"2.3.1","session":{"id":"s1"},"page":{"url":"https://shop.example.com/cart"},"events":[{{string.Join(",", events)}}]}""");
        _cached = new SourceMapStore(TimeProvider.System);
        _cached.Store(Script, SourceMap.Parse(Encoding.UTF8.GetBytes(MozillaMap)), 1L << 30);
        _common = _state.Metrics.CommonValues(l => l == "app" ? "storefront" : l == "release" ? "2.3.1" : "x");
    }

    private Beacon Private()
    {
        var beacon = BeaconParser.Parse(_body).Beacon!;
        PrivacyStage.Apply(_state, beacon, IPAddress.Loopback, ConsentDecision.Full);
        return beacon;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Errors)]
    public Beacon ParsePrivacy() => Private();

    [Benchmark(OperationsPerInvoke = Errors)]
    public Beacon PlusGroups()
    {
        var beacon = Private();
        ErrorGroupStage.Apply(_state, beacon, _common, new Weight(1), null);
        return beacon;
    }

    [Benchmark(OperationsPerInvoke = Errors)]
    public Beacon PlusGroupsAndCachedMaps()
    {
        var beacon = Private();
        ErrorGroupStage.Apply(_state, beacon, _common, new Weight(1), _cached);
        return beacon;
    }

    /// <summary>The test map of Mozilla's source-map library, with sources content (as tests/RumCollector.Tests uses it).</summary>
    private const string MozillaMap = """
        {"version":3,"file":"min.js","names":["bar","baz","n"],"sources":["one.js","two.js"],"sourceRoot":"/the/root",
         "sourcesContent":["ONE.foo = function (bar) {\n  return baz(bar);\n};","TWO.inc = function (n) {\n  return n + 1;\n};"],
         "mappings":"CAAC,IAAI,IAAM,SAAUA,GAClB,OAAOC,IAAID;CCDb,IAAI,IAAM,SAAUE,GAClB,OAAOA"}
        """;
}
