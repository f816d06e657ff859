using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RumCollector.Config;
using RumCollector.Export;
using RumCollector.Ingest;

namespace RumCollector.Bench;

/// <summary>
/// `dotnet run -c Release -- --quick`: µs and bytes allocated per beacon of each stage, measured on one
/// thread (no BenchmarkDotNet run, a few seconds): the thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID, so time
/// the thread waits for a core on a loaded machine is not counted; wall time elsewhere) and
/// GC.GetAllocatedBytesForCurrentThread.
/// "admit" is IngestService.HandleAsync on a MemoryStream body: the whole request minus Kestrel and routing.
/// The beacons are the wrk mix (bench/collector/post-beacon-mix.lua: 100 sessions, 2 with errors).
/// </summary>
public static class Quick
{
    private const string ChromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    public static void Run(int seconds, string? only = null)
    {
        var directory = AppContext.BaseDirectory;
        var withError = File.ReadAllText(Path.Combine(directory, "beacon-20.json"));
        var without = File.ReadAllText(Path.Combine(directory, "beacon-20-no-error.json"));
        var bodies = Enumerable.Range(0, 100)
            .Select(i => System.Text.Encoding.UTF8.GetBytes((i * 2 % 100 < 2 ? withError : without).Replace("7f9c2d1e", $"s{i:D7}")))
            .ToArray();
        var time = TimeProvider.System;
        var holder = new StateHolder(time, NullLogger<StateHolder>.Instance);
        var state = holder.Apply(ManifestConfigLoader.Load(Path.Combine(directory, "pipeline.yaml"), null));
        var queue = new ExportQueue(state.Config.Export.QueueSize);
        var pipeline = new IngestPipeline(queue); // as the collector runs it
        var options = CollectorOptions.From(new ConfigurationBuilder().Build());
        var service = new IngestService(holder, new LoadShedder(1000), pipeline, new IdempotencyKeys(time), options, time, NullLogger<IngestService>.Instance);
        var client = new ClientContext(ChromeOnWindows, IPAddress.Parse("203.0.113.77"), _ => null, DateTimeOffset.UtcNow);
        _only = only;
        var n = 0;
        byte[] Next() => bodies[n++ % bodies.Length];

        Measure("parse", seconds, () => BeaconParser.Parse(Next()));
        Measure("parse+process", seconds, () =>
        {
            pipeline.Process(state, BeaconParser.Parse(Next()).Beacon!, client);
            while (queue.TryDequeue(out _)) { }
        });
        // The JSON Lines pipeline (10 % of sessions and every error kept): the request's side and the export worker's
        // (dequeue and encode; not the file write), per beacon received.
        var exportState = new StateHolder(time, NullLogger<StateHolder>.Instance)
            .Apply(ManifestConfigLoader.Load(Path.Combine(directory, "pipeline-jsonl.yaml"), null));
        var exportQueue = new ExportQueue(exportState.Config.Export.QueueSize);
        var exportPipeline = new IngestPipeline(exportQueue);
        var sink = new JsonLinesFileSink(Path.Combine(Path.GetTempPath(), $"rum-quick-{Environment.ProcessId}.jsonl"));
        var batch = new List<ExportEvent>(ExportWorker.MaxBatch);
        Measure("parse+process+encode (JSON Lines on)", seconds, () =>
        {
            exportPipeline.Process(exportState, BeaconParser.Parse(Next()).Beacon!, client);
            if (exportQueue.Count < ExportWorker.MaxBatch) return;
            batch.Clear();
            while (batch.Count < ExportWorker.MaxBatch && exportQueue.TryDequeue(out var item)) batch.Add(item);
            sink.Encode(batch);
        });
        File.Delete(sink.Path);

        Measure("admit (whole request without Kestrel)", seconds, () =>
        {
            var body = Next();
            var answer = service.HandleAsync(new IngestRequest("https://shop.example.com", "application/json", null, body.Length, "pk-bench",
                PipeReader.Create(new ReadOnlySequence<byte>(body)), client), CancellationToken.None).GetAwaiter().GetResult();
            if (answer.Status != 202) throw new InvalidOperationException($"{answer.Status} {answer.Detail}");
            while (queue.TryDequeue(out _)) { }
        });
    }

    private static void Measure(string name, int seconds, Action run)
    {
        if (_only is not null && !name.StartsWith(_only, StringComparison.Ordinal)) return;
        // Tiered JIT and dynamic PGO: the background compiler needs time, more of it on a loaded machine.
        var warm = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3;
        for (var i = 0; i < 20_000 || Stopwatch.GetTimestamp() < warm; i++) run();
        var rounds = new List<(double Us, double Bytes)>();
        var end = Stopwatch.GetTimestamp() + Stopwatch.Frequency * seconds;
        while (Stopwatch.GetTimestamp() < end)
        {
            const int batch = 2_000;
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var start = ThreadMicroseconds();
            for (var i = 0; i < batch; i++) run();
            var elapsed = ThreadMicroseconds() - start;
            rounds.Add((elapsed / batch, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)batch));
        }
        var us = rounds.Select(r => r.Us).Order().ToList();
        Console.WriteLine($"{name,-40} CPU min {us[0],6:F2} µs  median {us[us.Count / 2],6:F2} µs  {rounds[^1].Bytes,8:F0} B per beacon  ({rounds.Count} batches)");
    }

    private static string? _only;

    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadMicroseconds()
    {
        if (!OperatingSystem.IsLinux()) return Stopwatch.GetTimestamp() * 1e6 / Stopwatch.Frequency;
        ClockGetTime(3, out var t); // CLOCK_THREAD_CPUTIME_ID
        return t.Seconds * 1e6 + t.Nanoseconds / 1e3;
    }
}
