using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Controllers;
using RumOperator.Runtime.InMemory;
using RumOperator.Runtime.Metrics;
using RumOperator.Runtime.Queue;
using static RumOperator.Runtime.Tests.InMemory.InMemoryClusterTests;

namespace RumOperator.Runtime.Tests.Controllers;

/// <summary>Fault injection against the in-memory cluster: retries converge, back off, and never hot-loop.</summary>
public class ControllerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryCluster _cluster;
    private readonly RuntimeMetrics _metrics = new(Prometheus.Metrics.NewCustomRegistry());
    private readonly Controller _controller;
    private static readonly ObjectKey Key = new("ns", "c");

    public ControllerTests()
    {
        _cluster = new InMemoryCluster(_time, ExampleKinds.Resources);
        _controller = new Controller("ConfigMap", new ApplyConfigMap(_cluster), _metrics, _time, NullLogger.Instance,
            backoff: new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
    }

    /// <summary>A level-based reconciler: make ConfigMap key exist with fixed data.</summary>
    private sealed class ApplyConfigMap(IClusterClient client) : IReconciler
    {
        public int Calls;

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            await client.ApplyAsync(ConfigMap(key.Name, "desired"), ct);
            return ReconcileResult.Done;
        }
    }

    private int Applies => _cluster.Calls.Count(c => c.Verb == "apply");

    [Theory]
    [InlineData(Fault.Conflict)]
    [InlineData(Fault.ServerError)]
    [InlineData(Fault.Timeout)]
    public async Task Transient_failures_are_retried_with_growing_backoff_until_converged(Fault fault)
    {
        _cluster.Faults.Add(fault, verb: "apply", times: 2);
        _controller.Queue.Add(Key);

        await _controller.ProcessNextAsync(default);
        Assert.Equal(1, Applies);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, _controller.Queue.Count); // not before the 1 s backoff

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _controller.ProcessNextAsync(default);
        Assert.Equal(2, Applies);
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, _controller.Queue.Count); // second backoff doubled to 2 s

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _controller.ProcessNextAsync(default);
        Assert.Equal(3, Applies);
        Assert.Equal("desired", _cluster.Peek("v1", "ConfigMap", "ns", "c")!["data"]!["k"]!.GetValue<string>());
        Assert.Equal(0, _controller.Queue.Failures(Key));

        // Converged: nothing is scheduled any more, however long we wait.
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, _controller.Queue.Count);
        Assert.Equal(2, _metrics.ReconcileErrors.WithLabels("ConfigMap").Value);
        Assert.Equal(2, _metrics.ReconcileTotal.WithLabels("ConfigMap", "error").Value);
        Assert.Equal(1, _metrics.ReconcileTotal.WithLabels("ConfigMap", "success").Value);
    }

    [Fact]
    public async Task A_persistent_failure_is_retried_at_a_bounded_rate()
    {
        _cluster.Faults.Add(Fault.ServerError, verb: "apply", times: int.MaxValue);
        _controller.Queue.Add(Key);
        // Ten simulated minutes with a 1 s base and 1 min cap: 1+2+4+8+16+32 s, then once a minute ≈ 15 attempts.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(10); elapsed += TimeSpan.FromMilliseconds(500))
        {
            while (_controller.Queue.Count > 0) await _controller.ProcessNextAsync(default);
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }
        Assert.InRange(Applies, 12, 16);
    }

    [Fact]
    public async Task Retry_after_from_the_server_is_honoured()
    {
        _cluster.Faults.Add(Fault.TooManyRequests, verb: "apply"); // carries Retry-After: 1 s
        var controller = new Controller("ConfigMap", new ApplyConfigMap(_cluster), _metrics, _time, NullLogger.Instance,
            backoff: new ExponentialBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1)));
        controller.Queue.Add(Key);
        await controller.ProcessNextAsync(default);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, controller.Queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, controller.Queue.Count);
    }

    [Fact]
    public async Task Requeue_after_schedules_exactly_one_later_reconcile()
    {
        var controller = new Controller("X", new Fixed(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30))), _metrics, _time, NullLogger.Instance);
        controller.Queue.Add(Key);
        await controller.ProcessNextAsync(default);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, controller.Queue.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, controller.Queue.Count);
        Assert.Equal(1, _metrics.ReconcileTotal.WithLabels("X", "requeue").Value);
    }

    [Fact]
    public async Task Reconciling_a_converged_object_again_makes_zero_writes()
    {
        _controller.Queue.Add(Key);
        await _controller.ProcessNextAsync(default);
        _cluster.ClearCalls();

        _controller.Queue.Add(Key); // e.g. a periodic resync
        await _controller.ProcessNextAsync(default);

        Assert.Single(_cluster.Calls);
        Assert.Empty(_cluster.Writes);
    }

    [Fact]
    public async Task Workers_never_reconcile_one_key_concurrently_but_do_run_keys_in_parallel()
    {
        var probe = new ConcurrencyProbe();
        var controller = new Controller("X", probe, _metrics, TimeProvider.System, NullLogger.Instance, maxConcurrentReconciles: 4);
        using var cts = new CancellationTokenSource();
        var run = controller.RunAsync(cts.Token);
        for (var round = 0; round < 20; round++)
        {
            foreach (var name in new[] { "a", "b", "c", "d" }) controller.Queue.Add(new ObjectKey("ns", name));
            await Task.Delay(5);
        }
        await Eventually.TrueAsync(() => controller.Queue.Count == 0 && probe.InFlight == 0, "drained");
        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, probe.MaxPerKey);
        Assert.True(probe.MaxOverall > 1, $"expected parallelism across keys, saw {probe.MaxOverall}");
    }

    [Fact]
    public async Task Shutdown_lets_an_in_flight_reconcile_finish_within_the_grace_period()
    {
        var gate = new TaskCompletionSource();
        var slow = new Gated(gate.Task);
        var controller = new Controller("X", slow, _metrics, TimeProvider.System, NullLogger.Instance);
        using var cts = new CancellationTokenSource();
        var run = controller.RunAsync(cts.Token, gracePeriod: TimeSpan.FromSeconds(30));
        controller.Queue.Add(Key);
        await Eventually.TrueAsync(() => slow.Started, "reconcile started");

        cts.Cancel();
        gate.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(slow.SawCancellation);
        Assert.Equal(1, _metrics.ReconcileTotal.WithLabels("X", "success").Value);
    }

    private sealed class Fixed(ReconcileResult result) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct) => Task.FromResult(result);
    }

    private sealed class Gated(Task gate) : IReconciler
    {
        public volatile bool Started;
        public bool SawCancellation;

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            Started = true;
            await gate;
            SawCancellation = ct.IsCancellationRequested;
            return ReconcileResult.Done;
        }
    }

    private sealed class ConcurrencyProbe : IReconciler
    {
        private readonly ConcurrentDictionary<ObjectKey, int> _perKey = new();
        private int _overall;
        public int MaxPerKey;
        public int MaxOverall;
        public int InFlight => Volatile.Read(ref _overall);

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            var mine = _perKey.AddOrUpdate(key, 1, (_, n) => n + 1);
            var all = Interlocked.Increment(ref _overall);
            lock (this)
            {
                MaxPerKey = Math.Max(MaxPerKey, mine);
                MaxOverall = Math.Max(MaxOverall, all);
            }
            await Task.Delay(15, ct);
            Interlocked.Decrement(ref _overall);
            _perKey.AddOrUpdate(key, 0, (_, n) => n - 1);
            return ReconcileResult.Done;
        }
    }
}
