using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RumOperator.ReleaseGuard;

/// <summary>
/// Reads the <see cref="SignalQueue"/> in <see cref="ReleaseGuardOptions.DecisionLanes"/> lanes: each lane decides
/// one SLO at a time, so one SLO is never decided twice at once in this process, and a target that hangs (bounded by
/// <see cref="ReleaseGuardOptions.ActionTimeout"/>) holds one lane, not every other SLO's rollback.
/// </summary>
public sealed class ReleaseGuardWorker(SignalQueue queue, ReleaseGuardService guard, ReleaseGuardMetrics metrics, ReleaseGuardOptions options,
    ILogger<ReleaseGuardWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.DecisionLanes)).Select(_ => Task.Run(() => LaneAsync(stoppingToken), stoppingToken)));

    private async Task LaneAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var signal = await queue.TakeAsync(stoppingToken).ConfigureAwait(false);
                try { await guard.HandleAsync(signal, stoppingToken).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The API server failed mid-way: what was not recorded is decided again on the next alert or poll.
                    metrics.Signal(ReleaseGuardService.Source(signal), "error");
                    logger.LogError(e, "Release guard failed on {Signal}; the next signal retries", signal);
                }
                finally { queue.Release(signal); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
