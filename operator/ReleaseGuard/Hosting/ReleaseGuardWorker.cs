using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RumOperator.ReleaseGuard;

/// <summary>The single reader of the <see cref="SignalQueue"/>: hands each signal to the decision path, one at a time.</summary>
public sealed class ReleaseGuardWorker(SignalQueue queue, ReleaseGuardService guard, ReleaseGuardMetrics metrics, ILogger<ReleaseGuardWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var signal in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try { await guard.HandleAsync(signal, stoppingToken).ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The API server or a webhook failed mid-way: nothing was recorded, so the next alert or poll decides again.
                    metrics.Signal(ReleaseGuardService.Source(signal), "error");
                    logger.LogError(e, "Release guard failed on {Signal}; the next signal retries", signal);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
