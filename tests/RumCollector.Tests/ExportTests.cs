using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RumCollector.Config;
using RumCollector.Export;
using RumCollector.Ingest;
using RumCollector.Tests.Support;
using RumOperator.CollectorConfig;
using RumOperator.Metrics;

namespace RumCollector.Tests;

public sealed class ExportTests
{
    private static ClientContext Client(DateTimeOffset now) => new(Beacons.ChromeUa, System.Net.IPAddress.Loopback, _ => null, now);

    private static Beacon Example() => BeaconParser.Parse(System.Text.Encoding.UTF8.GetBytes(Beacons.Example)).Beacon!;

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_waiting()
    {
        var state = TestConfig.State(c => c.Sampling = new CollectorSampling());
        var queue = new ExportQueue(3);

        var result = new IngestPipeline(queue).Process(state, Example(), Client(DateTimeOffset.UtcNow));

        Assert.Equal(3, result.Queued);
        Assert.Equal(3, queue.Count);
        Assert.Equal(5, state.Metrics.EventsDropped.WithLabels("export_queue_full").Value);
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
