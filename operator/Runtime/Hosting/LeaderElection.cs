using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace RumOperator.Runtime.Hosting;

/// <summary>
/// Runs work only while holding the Lease, via KubernetesClient's LeaderElector. LeaderElector uses wall-clock time
/// (DateTimeOffset.Now, Task.Delay), not a TimeProvider.
/// </summary>
public static class LeaderElection
{
    /// <summary>
    /// Waits for leadership, then runs <paramref name="lead"/> with a token cancelled when leadership ends.
    /// Returns when <paramref name="ct"/> is cancelled; throws <see cref="LeadershipLostException"/> if the lease is lost.
    /// </summary>
    public static async Task RunAsLeaderAsync(LeaderElectionOptions options, Func<CancellationToken, Task> lead, ILogger logger, CancellationToken ct)
    {
        var config = new LeaderElectionConfig(new LeaseLock(options.Client, options.Namespace, options.LeaseName, options.Identity))
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        elector.OnStartedLeading += () => started.TrySetResult();
        elector.OnNewLeader += leader => logger.LogInformation("Leader is now {Leader}", leader);
        elector.OnError += e => logger.LogWarning(e, "Leader election error");

        using var electing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var election = elector.RunUntilLeadershipLostAsync(electing.Token);
        if (await Task.WhenAny(started.Task, election).ConfigureAwait(false) != started.Task)
        {
            await IgnoreCancellation(election, ct).ConfigureAwait(false);
            return;
        }

        logger.LogInformation("{Identity} acquired lease {Namespace}/{Lease}", options.Identity, options.Namespace, options.LeaseName);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var work = lead(leading.Token);
        var first = await Task.WhenAny(work, election).ConfigureAwait(false);
        leading.Cancel();
        electing.Cancel();
        await IgnoreCancellation(election, electing.Token).ConfigureAwait(false);
        await IgnoreCancellation(work, leading.Token).ConfigureAwait(false);
        if (first == election && !ct.IsCancellationRequested) throw new LeadershipLostException(options.Identity);
    }

    private static async Task IgnoreCancellation(Task task, CancellationToken ct)
    {
        try { await task.ConfigureAwait(false); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
