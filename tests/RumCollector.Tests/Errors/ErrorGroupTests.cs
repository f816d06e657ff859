using RumOperator.CollectorConfig;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RumCollector.Config;
using RumCollector.Errors;
using RumCollector.Errors.SourceMaps;
using RumCollector.Export;
using RumCollector.Ingest;
using RumCollector.Tests.Support;
using RumOperator.Metrics;

namespace RumCollector.Tests.Errors;

public sealed class ErrorGroupTests
{
    private const int MaxGroups = 5;

    private static string Error(string message, string? stack = null, bool first = false, string? extra = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "error", ["ts"] = 1764070003000, ["kind"] = "js", ["message"] = message, ["stack"] = stack,
            ["groupFirstInSession"] = first,
        }).TrimEnd('}') + (extra is null ? "}" : "," + extra + "}");

    private static IReadOnlyList<Sample> Series(IReadOnlyList<Sample> samples, string name) => samples.Where(s => s.Name == name).ToList();

    [Fact]
    public async Task A_flood_of_1000_distinct_messages_keeps_the_group_series_under_the_cap()
    {
        using var dir = new TempDir();
        // 101 errors a beacon: above the default per-beacon cap, which this test is not about.
        await using var collector = await CollectorServer.StartMountedAsync(dir, TestConfig.Example(c =>
        {
            c.Metrics.MaxErrorGroupsPerApp = MaxGroups;
            c.Ingest.MaxEventsPerBeacon[BeaconEventTypes.Error] = 101;
            c.Ingest.ClientRateLimit.EventsPerSecond = 0; // nor the per-address bucket (1,010 events from one address)
        }));
        const string heavy = "TypeError: Cannot read properties of undefined (reading 'total')";
        const string heavyStack = "TypeError: x\n    at placeOrder (https://shop.example.com/assets/checkout-5ZQ2C7HR.js:12:19)";

        // The real group first and again between the flood: it must keep a series of its own.
        var random = new Random(7);
        for (var beacon = 0; beacon < 10; beacon++)
        {
            var events = Enumerable.Range(0, 100)
                .Select(i => Error($"flood {beacon * 100 + i} {Guid.NewGuid():N}{random.Next()}", i % 2 == 0 ? null : $"    at f{i} (https://shop.example.com/x{beacon}_{i}.js:1:1)"))
                .Append(Error(heavy, heavyStack, first: beacon == 0))
                .ToArray();
            var response = await collector.PostAsync(Beacons.Events($"s{beacon}", events));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var samples = await collector.MetricsAsync();
        var groups = Series(samples, ErrorGroupMetrics.Events);
        Assert.InRange(groups.Count, 1, MaxGroups + 1);
        Assert.InRange(Series(samples, ErrorGroupMetrics.Info).Count, 1, MaxGroups);
        Assert.InRange(Series(samples, ErrorGroupMetrics.Sessions).Count, 1, MaxGroups + 1);
        Assert.Equal(1010, groups.Sum(s => s.Value));
        // The group's first occurrence is counted before it has shown it is more than a one-off.
        Assert.Equal(1001, samples.Sum(ErrorGroupMetrics.Events, (ErrorGroupMetrics.Group, RumMetrics.Other)));
        Assert.Equal(1, Series(samples, ErrorGroupMetrics.Sessions).Sum(s => s.Value));

        var group = Fingerprinter.Compute(heavy, StackParser.Parse(heavyStack), null, "https://shop.example.com", []).Group;
        Assert.Equal(9, samples.Sum(ErrorGroupMetrics.Events, (ErrorGroupMetrics.App, "storefront"), (ErrorGroupMetrics.Release, "2.3.1"), (ErrorGroupMetrics.Group, group)));
        var info = Assert.Single(Series(samples, ErrorGroupMetrics.Info));
        Assert.Equal(group, info.Labels[ErrorGroupMetrics.Group]);
        Assert.Equal("TypeError", info.Labels[ErrorGroupMetrics.Type]);
        Assert.Equal("Cannot read properties of undefined (reading <str>)", info.Labels[ErrorGroupMetrics.Message]);
        Assert.Equal("/assets/checkout.js:placeOrder", info.Labels[ErrorGroupMetrics.Frame]);
    }

    [Fact]
    public async Task Heavier_groups_take_the_slots_of_lighter_ones_and_the_series_stay_within_the_cap()
    {
        var state = TestConfig.State(c => c.Metrics.MaxErrorGroupsPerApp = 2);
        var pipeline = new IngestPipeline(new ExportQueue(10_000));
        void Send(string message, int times)
        {
            var events = Enumerable.Repeat(Error(message), times).ToArray();
            pipeline.Process(state, BeaconParser.Parse(System.Text.Encoding.UTF8.GetBytes(Beacons.Events("s", events))).Beacon!, Client());
        }

        Send("light one", 2);
        Send("light two", 2);
        Send("heavy", 10);

        var groups = state.Metrics.ErrorGroups;
        using var stream = new MemoryStream();
        await state.Metrics.Registry.CollectAndExportAsTextAsync(stream);
        var samples = MetricsText.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        var infos = Series(samples, ErrorGroupMetrics.Info);
        Assert.Equal(2, infos.Count);
        Assert.Contains(infos, s => s.Labels[ErrorGroupMetrics.Message] == "heavy");
        // Its first two events went to __other__: the slots were taken and it was not yet heavier.
        Assert.Equal(8, samples.Sum(ErrorGroupMetrics.Events, (ErrorGroupMetrics.Group, Fingerprinter.Compute("heavy", [], null, null, []).Group)));
        // 14 events: the light group that lost its slot took its one own event with its series (rate() sees a series end).
        Assert.Equal(13, Series(samples, ErrorGroupMetrics.Events).Sum(s => s.Value));
        Assert.Equal(2, groups.MaxGroupsPerApp);
        Assert.True(Series(samples, ErrorGroupMetrics.Events).Count <= 3);
    }

    [Fact]
    public async Task A_stack_is_symbolicated_once_its_map_is_loaded_in_the_background_and_the_group_stays_the_same()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "min.js.map"), SourceMapTests.MozillaMap);
        var holder = new StateHolder(new FakeTimeProvider(), NullLogger<StateHolder>.Instance);
        var state = holder.Apply(TestConfig.Example(c =>
        {
            c.Errors.SourceMaps.Directory = dir.Path;
            c.Sampling = new RumOperator.CollectorConfig.CollectorSampling();
            c.Export.FilePath = "export.jsonl"; // sampled events are queued only when a sink is configured
        }));
        var store = new SourceMapStore(new FakeTimeProvider());
        var queue = new ExportQueue(100);
        var pipeline = new IngestPipeline(queue, store);
        const string stack = "TypeError: boom\n    at n (https://shop.example.com/min.js?v=9:1:29)";
        ExportEvent Send()
        {
            var body = Beacons.Events("s", Error("TypeError: boom", stack, extra: "\"fingerprint\":null,\"context\":{\"plan\":\"pro\",\"cart\":3}"));
            pipeline.Process(state, BeaconParser.Parse(System.Text.Encoding.UTF8.GetBytes(body)).Beacon!, Client());
            Assert.True(queue.TryDequeue(out var exported));
            return exported;
        }

        var early = Send();
        // Privacy already cut the query (v is not on the allowlist); the frame itself stays as sent.
        Assert.Equal("TypeError: boom\n    at n (https://shop.example.com/min.js:1:29)", early.Event.Stack);
        Assert.Equal(1, state.Metrics.SourceMaps.Misses.Value);
        Assert.True(store.Requests.TryRead(out var request));

        await new SourceMapResolver(store, new SourceMapLoader(), holder, NullLogger<SourceMapResolver>.Instance).ResolveAsync(request, CancellationToken.None);
        var late = Send();

        Assert.Equal(1, state.Metrics.SourceMaps.Loads.WithLabels("directory").Value);
        Assert.Equal("TypeError: boom\n    at foo (/the/root/one.js:2:11)", late.Event.Stack);
        Assert.Equal(early.Event.Group, late.Event.Group);
        var collected = new FieldCollector([]);
        ExportFields.WriteEvent(late, ref collected);
        var fields = collected.All;
        Assert.Equal(late.Event.Group, fields["group"]);
        Assert.Equal("pro", fields["context.plan"]);
        Assert.Equal("3", fields["context.cart"]);
        using var stream = new MemoryStream();
        await state.Metrics.Registry.CollectAndExportAsTextAsync(stream);
        var infos = Series(MetricsText.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray())), ErrorGroupMetrics.Info);
        Assert.Equal("/the/root/one.js:foo", Assert.Single(infos).Labels[ErrorGroupMetrics.Frame]);
    }

    [Theory]
    [InlineData("\"fingerprint\":\"checkout\"", "events[0].fingerprint", "must be an array of strings")]
    [InlineData("\"fingerprint\":[1]", "events[0].fingerprint", "must be an array of strings")]
    [InlineData("\"fingerprint\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]", "events[0].fingerprint", "at most 8 items")]
    [InlineData("\"context\":[1]", "events[0].context", "must be an object")]
    [InlineData("\"context\":{\"a b\":1}", "events[0].context", "keys must be")]
    [InlineData("\"context\":{\"a\":{\"nested\":1}}", "events[0].context", "values must be strings, numbers or booleans")]
    [InlineData("\"groupFirstInSession\":\"yes\"", "events[0].groupFirstInSession", "must be true or false")]
    public async Task Bad_error_fields_are_refused_naming_the_field(string field, string path, string reason)
    {
        await using var collector = await CollectorServer.StartAsync("--manifests", Repo.Examples);
        var response = await collector.PostAsync(Beacons.Events("s", Error("boom", extra: field)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(path, error.GetProperty("field").GetString());
        Assert.Contains(reason, error.GetProperty("reason").GetString());
    }

    private static ClientContext Client() => new(Beacons.ChromeUa, IPAddress.Loopback, _ => null, DateTimeOffset.UtcNow);

    /// <summary>The exported fields of an event by name, as the export writers see them.</summary>
    private readonly struct FieldCollector(Dictionary<string, object> all) : IFieldWriter
    {
        public Dictionary<string, object> All => all;
        public void String(ExportField field, string value) => all[field.Name] = value;
        public void Bool(ExportField field, bool value) => all[field.Name] = value;
        public void Int(ExportField field, int value) => all[field.Name] = value;
        public void Double(ExportField field, double value) => all[field.Name] = value;
        public void String(string name, string value) => all[name] = value;
    }
}
