using Microsoft.Extensions.Logging;
using RumOperator.Runtime.Client;
using RumOperator.Runtime.Metrics;
using RumOperator.Runtime.Queue;

namespace RumOperator.Runtime.Controllers;

/// <summary>
/// Workers that take keys from one queue and reconcile them: success forgets the failure history, RequeueAfter
/// schedules a fixed retry, an exception backs off exponentially (at least as long as a server's Retry-After).
/// </summary>
public sealed class Controller
{
    private readonly string _kind;
    private readonly IReconciler _reconciler;
    private readonly int _workers;
    private readonly RuntimeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public Controller(string kind, IReconciler reconciler, RuntimeMetrics metrics, TimeProvider time, ILogger logger,
        int maxConcurrentReconciles = 2, ExponentialBackoff? backoff = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentReconciles, 1);
        _kind = kind;
        _reconciler = reconciler;
        _workers = maxConcurrentReconciles;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        Queue = new WorkQueue<ObjectKey>(time, backoff, depth => metrics.WorkqueueDepth.WithLabels(kind).Set(depth));
    }

    public string Kind => _kind;
    public WorkQueue<ObjectKey> Queue { get; }

    /// <summary>
    /// Runs the workers until <paramref name="ct"/> is cancelled. Shutdown is graceful: no new keys are taken, and
    /// in-flight reconciliations get <paramref name="gracePeriod"/> to finish before their token is cancelled.
    /// </summary>
    public async Task RunAsync(CancellationToken ct, TimeSpan? gracePeriod = null)
    {
        using var abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var stop = ct.Register(() =>
        {
            Queue.ShutDown();
            abort.CancelAfter(gracePeriod ?? TimeSpan.FromSeconds(30));
        });
        await Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => WorkerAsync(abort.Token))).ConfigureAwait(false);
    }

    /// <summary>Processes one key; false when the queue has shut down. Exposed for deterministic tests.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        var (ok, key) = await Queue.GetAsync(ct).ConfigureAwait(false);
        if (!ok) return false;
        try
        {
            await ReconcileOneAsync(key, ct).ConfigureAwait(false);
        }
        finally
        {
            Queue.Done(key);
        }
        return true;
    }

    private async Task WorkerAsync(CancellationToken ct)
    {
        try
        {
            while (await ProcessNextAsync(ct).ConfigureAwait(false)) { }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task ReconcileOneAsync(ObjectKey key, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        try
        {
            var result = await _reconciler.ReconcileAsync(key, ct).ConfigureAwait(false);
            Queue.Forget(key);
            if (result.Delay is { } delay)
            {
                Queue.AddAfter(key, delay);
                Count("requeue");
            }
            else Count("success");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Count("error");
            _metrics.ReconcileErrors.WithLabels(_kind).Inc();
            var retryAfter = (e as KubernetesApiException)?.RetryAfter;
            var backoff = Queue.AddRateLimited(key, retryAfter);
            _logger.LogWarning(e, "Reconcile {Kind} {Key} failed; retrying in {Backoff}", _kind, key, backoff);
        }
        finally
        {
            _metrics.ReconcileDuration.WithLabels(_kind).Observe(_time.GetElapsedTime(started).TotalSeconds);
        }
    }

    private void Count(string result) => _metrics.ReconcileTotal.WithLabels(_kind, result).Inc();
}
