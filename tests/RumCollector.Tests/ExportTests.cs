using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RumCollector.Config;
using RumCollector.Export;
using RumCollector.Ingest;
using RumCollector.Metrics;
using RumCollector.Tests.Support;
using RumOperator.CollectorConfig;
using RumOperator.Metrics;

namespace RumCollector.Tests;

public sealed class ExportTests
{
    private static ClientContext Client(DateTimeOffset now) => new(Beacons.ChromeUa, System.Net.IPAddress.Loopback, _ => null, now);

    private static Beacon Example() => BeaconParser.Parse(System.Text.Encoding.UTF8.GetBytes(Beacons.Example)).Beacon!;

    /// <summary>Keep every session and name a sink: the pipeline queues sampled events only when a sink is configured.</summary>
    private static void WithSink(CollectorConfigType c)
    {
        c.Sampling = new CollectorSampling();
        c.Export.FilePath = "export.jsonl";
    }

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_waiting()
    {
        var state = TestConfig.State(WithSink);
        var queue = new ExportQueue(3);

        var result = new IngestPipeline(queue).Process(state, Example(), Client(DateTimeOffset.UtcNow));

        Assert.Equal(3, result.Queued);
        Assert.Equal(3, queue.Count);
        Assert.Equal(5, state.Metrics.EventsDropped.WithLabels("export_queue_full").Value);
    }

    [Fact]
    public void Without_a_sink_nothing_is_queued_and_the_events_still_count()
    {
        var state = TestConfig.State(c => c.Sampling = new CollectorSampling());
        var queue = new ExportQueue(100);

        var result = new IngestPipeline(queue).Process(state, Example(), Client(DateTimeOffset.UtcNow));

        Assert.Equal(0, result.Queued);
        Assert.True(queue.IsEmpty);
        Assert.Equal(8, result.Recorded);
        Assert.Equal(0, state.Metrics.EventsDropped.WithLabels("export_queue_full").Value);
    }

    [Fact]
    public void A_queue_full_in_bytes_refuses_beacons_and_counts_them_by_their_own_reason()
    {
        // The attack: every event carries a stack at the parser's limit. Counted in events, 10,000 of
        // them would keep 160 MB alive; counted in bytes, the queue stops at its megabyte.
        var state = TestConfig.State(WithSink);
        var queue = new ExportQueue(capacity: 10_000, maxBytes: 1024 * 1024);
        var pipeline = new IngestPipeline(queue);
        var error = $$"""{"type":"error","kind":"js","message":"boom","stack":"{{new string('a', BeaconLimits.MaxStackLength)}}","ts":1764070000000}""";
        var body = System.Text.Encoding.UTF8.GetBytes(Beacons.Events("s", Enumerable.Repeat(error, 8).ToArray()));
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_070_000_000);

        var queued = 0;
        for (var i = 0; i < 20; i++) queued += pipeline.Process(state, BeaconParser.Parse(body).Beacon!, Client(now)).Queued;

        Assert.InRange(queue.Bytes, 7 * 8 * 2L * BeaconLimits.MaxStackLength, queue.MaxBytes);
        Assert.InRange(queued, 7 * 8, 8 * 8); // about 16 KB an event: seven or eight beacons fit
        Assert.Equal(queued, queue.Count);
        Assert.Equal(20 * 8 - queued, state.Metrics.EventsDropped.WithLabels(DropReason.ExportQueueBytes).Value);
        Assert.Equal(0, state.Metrics.EventsDropped.WithLabels(DropReason.ExportQueueFull).Value);

        // Taking the events out gives the bytes back.
        while (queue.TryDequeue(out _)) { }
        Assert.Equal(0, queue.Bytes);
        Assert.Equal(8, pipeline.Process(state, BeaconParser.Parse(body).Beacon!, Client(now)).Queued);
    }

    [Fact]
    public async Task A_dead_sink_costs_queue_space_and_counted_drops_while_ingest_goes_on()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var holder = new StateHolder(time, NullLogger<StateHolder>.Instance);
        holder.Apply(TestConfig.Example(WithSink));
        var queue = new ExportQueue(capacity: 20);
        var sink = new FlakySink(failures: int.MaxValue);
        await using var provider = new FixedSinks(sink);
        var worker = new ExportWorker(queue, provider, holder, time, NullLogger<ExportWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        var pipeline = new IngestPipeline(queue);
        var metrics = holder.Current!.Metrics;

        pipeline.Process(holder.Current, Example(), Client(time.GetUtcNow()));
        await sink.Attempted.WaitAsync(TimeSpan.FromSeconds(10)); // the worker holds the first beacon's 8 events
        // While the sink fails, ingest still answers at once: 20 places, then counted drops.
        var queued = Enumerable.Range(0, 5).Sum(_ => pipeline.Process(holder.Current, Example(), Client(time.GetUtcNow())).Queued);
        Assert.Equal(20, queued);
        Assert.Equal(5 * 8 - 20, metrics.EventsDropped.WithLabels(DropReason.ExportQueueFull).Value);

        for (var attempt = 2; attempt <= ExportWorker.MaxAttempts; attempt++)
        {
            time.Advance(TimeSpan.FromSeconds(10)); // past any backoff
            await sink.Attempted.WaitAsync(TimeSpan.FromSeconds(10));
        }
        time.Advance(TimeSpan.FromSeconds(10));
        await sink.Attempted.WaitAsync(TimeSpan.FromSeconds(10)); // the worker gave up on the first batch and took the next
        Assert.Equal(8, metrics.EventsDropped.WithLabels(DropReason.ExportFailed).Value);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_otlp_sink_that_never_answers_does_not_hold_up_ingest()
    {
        // A real collector and a TCP sink that reads the export request and never answers it.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new List<System.Net.Sockets.TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                held.Add(client);
                _ = client.GetStream().ReadAsync(new byte[1]).AsTask().ContinueWith(_ => requested.TrySetResult());
            }
        });
        using var dir = new TempDir();
        var snapshot = TestConfig.Example(c =>
        {
            c.Export.OtlpEndpoint = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
            c.Export.QueueSize = 100;
            c.Sampling = new CollectorSampling();
        });
        await using var server = await CollectorServer.StartMountedAsync(dir, snapshot);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await server.PostAsync(Beacons.Example)).StatusCode);
        await requested.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the worker is stuck in a request with the first beacon
        const int more = 30;
        for (var i = 0; i < more; i++)
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await server.PostAsync(Beacons.Example)).StatusCode);

        // Every beacon was answered while the sink still held the export: 100 events queued, the rest counted.
        Assert.Equal(more * 8 - 100, (await server.MetricsAsync()).Sum(RumMetrics.EventsDropped, ("reason", DropReason.ExportQueueFull)));
        listener.Stop();
        foreach (var client in held) client.Dispose();
    }

    [Fact]
    public void Sampled_out_sessions_still_count_in_metrics()
    {
        var state = TestConfig.State(c => c.Sampling = new CollectorSampling
        {
            Rules = [new CollectorSamplingRule { SessionSampleRate = 0 }],
            AlwaysKeepErrors = false,
        });
        var queue = new ExportQueue(100);

        var result = new IngestPipeline(queue).Process(state, Example(), Client(DateTimeOffset.UtcNow));

        Assert.Equal(0, result.Queued);
        Assert.Equal(8, result.Recorded);
        Assert.Equal(8, state.Metrics.EventsReceived.GetAllLabelValues().Sum(l => state.Metrics.EventsReceived.WithLabels(l).Value));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-2 * 24 * 3600 * 1000L, true)]
    [InlineData(2 * 3600 * 1000L, true)]
    [InlineData(30 * 60 * 1000L, false)]
    public void Client_timestamps_outside_the_skew_bounds_take_the_receive_time(long offsetMs, bool adjusted)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_764_070_000_000);
        var (timestamp, wasAdjusted) = IngestPipeline.BoundedTimestamp(now.ToUnixTimeMilliseconds() + offsetMs, now);

        Assert.Equal(adjusted, wasAdjusted);
        Assert.Equal(adjusted ? now : now.AddMilliseconds(offsetMs), timestamp);
    }

    [Fact]
    public void Otlp_encoding_is_a_valid_logs_request()
    {
        var context = new ExportContext("storefront", "2.3.1", "/cart", "s1", null, "https://shop.example.com/cart", null,
            "desktop", "chrome", "windows", "DE", "4bf92f3577b34da6a3ce929d0e0e4736", null, 0.25, "granted", DateTimeOffset.UnixEpoch.AddSeconds(2));
        var ev = new RumEvent { Type = EventType.Error, Kind = "js", Message = "boom", FirstInSession = true };

        using var doc = JsonDocument.Parse(OtlpHttpLogSink.Encode([new ExportEvent(context, ev, DateTimeOffset.UnixEpoch.AddSeconds(1), false)]));

        var record = doc.RootElement.GetProperty("resourceLogs")[0].GetProperty("scopeLogs")[0].GetProperty("logRecords")[0];
        Assert.Equal("1000000000", record.GetProperty("timeUnixNano").GetString());
        Assert.Equal("2000000000", record.GetProperty("observedTimeUnixNano").GetString());
        Assert.Equal("ERROR", record.GetProperty("severityText").GetString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", record.GetProperty("traceId").GetString());
        var attributes = record.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));
        Assert.Equal("boom", attributes["rum.message"].GetProperty("stringValue").GetString());
        Assert.Equal(0.25, attributes["rum.session.sampleRate"].GetProperty("doubleValue").GetDouble());
        Assert.True(attributes["rum.firstInSession"].GetProperty("boolValue").GetBoolean());
    }

    [Fact]
    public async Task Json_lines_carry_each_events_own_beacon_fields_when_a_batch_mixes_beacons()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "events.jsonl");
        ExportContext Context(string session, string? page) => new("storefront", "2.3.1", "/cart", session, null, page, null,
            "desktop", "chrome", "linux", "DE", null, null, 0.5, "granted", DateTimeOffset.UnixEpoch.AddSeconds(2));
        var (a, b) = (Context("s-a", "https://shop.example.com/a\"quoted\""), Context("s-b", null));
        ExportEvent Event(ExportContext c, RumEvent e) => new(c, e, DateTimeOffset.UnixEpoch.AddSeconds(1), false);
        await using (var sink = new JsonLinesFileSink(path))
        {
            await sink.WriteAsync([Event(a, new RumEvent { Type = EventType.PageView, Outcome = "ok", Status = 200 }),
                Event(a, new RumEvent { Type = EventType.Error, Message = "boom <é>", FirstInSession = true }),
                Event(b, new RumEvent { Type = EventType.Vital, VitalLabel = "LCP", Value = 2310.5 })], CancellationToken.None);
            await sink.WriteAsync([Event(a, new RumEvent { Type = EventType.SessionStart })], CancellationToken.None);
        }

        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(["s-a", "s-a", "s-b", "s-a"], lines.Select(l => l.GetProperty("session.id").GetString()));
        Assert.Equal("https://shop.example.com/a\"quoted\"", lines[0].GetProperty("page.url").GetString());
        Assert.False(lines[2].TryGetProperty("page.url", out _));
        Assert.Equal(200, lines[0].GetProperty("status").GetInt32());
        Assert.Equal("boom <é>", lines[1].GetProperty("message").GetString());
        Assert.True(lines[1].GetProperty("firstInSession").GetBoolean());
        Assert.Equal(2310.5, lines[2].GetProperty("value").GetDouble());
        Assert.All(lines, l => Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), l.GetProperty("timestamp").GetDateTimeOffset()));
        Assert.All(lines, l => Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(2), l.GetProperty("receivedAt").GetDateTimeOffset()));
        Assert.Equal(["pageview", "error", "vital", "session_start"], lines.Select(l => l.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task The_worker_retries_with_backoff_then_delivers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var holder = new StateHolder(time, NullLogger<StateHolder>.Instance);
        holder.Apply(TestConfig.Example());
        var queue = new ExportQueue(10);
        var sink = new FlakySink(failures: 2);
        await using var provider = new FixedSinks(sink);
        var worker = new ExportWorker(queue, provider, holder, time, NullLogger<ExportWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);

        var context = new ExportContext("storefront", null, "/", "s", null, null, null, "desktop", "chrome", "linux", "unknown", null, null, 1, "granted", time.GetUtcNow());
        Assert.True(queue.TryEnqueue(new ExportEvent(context, new RumEvent { Type = EventType.PageView }, time.GetUtcNow(), false)));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await sink.Attempted.WaitAsync(TimeSpan.FromSeconds(10));
            time.Advance(TimeSpan.FromSeconds(10)); // past any backoff
        }
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(3, sink.Attempts);
        Assert.Equal(1, sink.Delivered);
        Assert.Equal(1, holder.Current!.Metrics.Exported.WithLabels("test").Value);
    }

    private sealed class FlakySink(int failures) : IEventSink
    {
        public SemaphoreSlim Attempted { get; } = new(0);
        public int Attempts;
        public int Delivered;
        public string Name => "test";

        public Task WriteAsync(IReadOnlyList<ExportEvent> batch, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref Attempts);
            Attempted.Release();
            if (attempt <= failures) throw new RetryableExportException("not yet");
            Interlocked.Add(ref Delivered, batch.Count);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class FixedSinks(IEventSink sink) : ISinkSource, IAsyncDisposable
    {
        public IReadOnlyList<IEventSink> For(CollectorExport config) => [sink];
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
